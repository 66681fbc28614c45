package io.switchboard.routing.acd;

import io.switchboard.core.lane.Lane;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent's live state on the engine lane: presence, slots per media type (active, ringing, in
 * wrap-up), the keys the strategies order by, and the tasks reserved for them by sticky routing.
 * Mutated only between {@code EngineCore.detach} and {@code attach}, so the skill index never holds a
 * stale key.
 */
final class Agent {
    private static final int MEDIA = MediaType.values().length;

    final AgentConfig config;
    final String id;
    final int seq;
    final int[] capacity = new int[MEDIA];
    final int[] active = new int[MEDIA];
    final int[] offered = new int[MEDIA];
    final int[] wrapping = new int[MEDIA];
    final List<QueueRuntime> queues = new ArrayList<>();
    final ArrayDeque<Task> reserved = new ArrayDeque<>();
    final List<Offer> offers = new ArrayList<>(2);
    final List<WrapUp> wrapUps = new ArrayList<>(1);
    Presence presence = Presence.OFFLINE;
    String awayReason;
    long idleSince;
    long lastOffer;
    int misses;
    int indexedMask;

    /** One slot closed for wrap-up after a task, until its timer fires or the agent says ready. */
    static final class WrapUp {
        final MediaType media;
        Lane.TimerHandle timer = Lane.TimerHandle.NONE;

        WrapUp(MediaType media) {
            this.media = media;
        }
    }

    Agent(AgentConfig config, int seq) {
        this.config = config;
        this.id = config.id();
        this.seq = seq;
        for (MediaType m : MediaType.values()) {
            capacity[m.ordinal()] = config.capacity(m);
        }
    }

    int used(MediaType m) {
        int i = m.ordinal();
        return active[i] + offered[i] + wrapping[i];
    }

    int usedTotal() {
        int s = 0;
        for (MediaType m : MediaType.values()) {
            s += used(m);
        }
        return s;
    }

    boolean offerable(MediaType m) {
        return presence == Presence.READY && used(m) < capacity[m.ordinal()];
    }

    boolean holdsWork() {
        for (int i = 0; i < MEDIA; i++) {
            if (active[i] + offered[i] > 0) {
                return true;
            }
        }
        return false;
    }

    AgentState state() {
        if (presence == Presence.OFFLINE) {
            return AgentState.OFFLINE;
        }
        if (holdsWork()) {
            return AgentState.BUSY;
        }
        for (int w : wrapping) {
            if (w > 0) {
                return AgentState.WRAP_UP;
            }
        }
        return presence == Presence.AWAY ? AgentState.AWAY : AgentState.AVAILABLE;
    }
}
