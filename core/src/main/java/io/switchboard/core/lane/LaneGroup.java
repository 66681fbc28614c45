package io.switchboard.core.lane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of lanes (as many as cores by default). A key (a Call-ID) always maps to the same
 * lane; {@link #laneIndexFor(CharSequence)} lets callers mint keys that land on a chosen lane, which
 * is how a B2BUA keeps both legs of a call on one lane.
 */
public final class LaneGroup {
    /** Keys that start with this prefix followed by a lane number and '.' are pinned to that lane. */
    public static final String PINNED_PREFIX = "sb";

    private final List<Lane> lanes = new ArrayList<>();

    /** {@code count} lanes of their own threads. */
    public LaneGroup(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("lane count must be at least 1, got " + count);
        }
        for (int i = 0; i < count; i++) {
            lanes.add(new ExecutorLane(name + "-" + i));
        }
    }

    /** Adopts existing lanes (e.g. network event loops, so work for the receiving thread needs no hop). */
    public LaneGroup(List<? extends Lane> existing) {
        if (existing.isEmpty()) {
            throw new IllegalArgumentException("a lane group needs at least one lane");
        }
        lanes.addAll(existing);
    }

    /** The index of the lane the calling thread runs, or -1. */
    public int currentIndex() {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).inLane()) {
                return i;
            }
        }
        return -1;
    }

    public int size() {
        return lanes.size();
    }

    public Lane lane(int index) {
        return lanes.get(index);
    }

    public Lane laneFor(CharSequence key) {
        return lanes.get(laneIndexFor(key, lanes.size()));
    }

    public int laneIndexFor(CharSequence key) {
        return laneIndexFor(key, lanes.size());
    }

    /** Deterministic: pinned keys ({@code sb<N>.…}) go to lane N, others by hash. */
    public static int laneIndexFor(CharSequence key, int lanes) {
        int pinned = pinnedIndex(key);
        if (pinned >= 0 && pinned < lanes) {
            return pinned;
        }
        int h = 0;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return Math.floorMod(h ^ (h >>> 16), lanes);
    }

    /** A key prefix that pins to {@code index}. */
    public static String pinnedPrefix(int index) {
        return PINNED_PREFIX + index + ".";
    }

    private static int pinnedIndex(CharSequence key) {
        int p = PINNED_PREFIX.length();
        if (key.length() < p + 2 || key.charAt(0) != 's' || key.charAt(1) != 'b') {
            return -1;
        }
        int n = 0;
        int i = p;
        while (i < key.length() && i < p + 4 && Character.isDigit(key.charAt(i))) {
            n = n * 10 + (key.charAt(i) - '0');
            i++;
        }
        if (i == p || i >= key.length() || key.charAt(i) != '.') {
            return -1;
        }
        return n;
    }

    public void shutdown(Duration grace) throws InterruptedException {
        for (Lane lane : lanes) {
            if (lane instanceof ExecutorLane own) {
                own.shutdown(grace);
            }
        }
    }
}
