package io.switchboard.media.jitter;

import java.util.Arrays;

/**
 * The buffer levels (frames queued) seen at the last {@code size} ticks. Their maximum is the delay the
 * buffer actually holds: the level dips while a delayed burst is awaited, then comes back, so a single
 * sample says little, but the peak over a second is the depth when packets come on time.
 */
final class LevelWindow {
    private final int[] levels;
    private int next;
    private int count;

    LevelWindow(int size) {
        this.levels = new int[size];
    }

    void add(int level) {
        levels[next] = level;
        next = (next + 1) % levels.length;
        count = Math.min(count + 1, levels.length);
    }

    /** The highest level in the window, 0 when empty. */
    int max() {
        int max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, levels[i]);
        }
        return max;
    }

    /** True once {@code size} levels have been seen since the last clear. */
    boolean full() {
        return count == levels.length;
    }

    void clear() {
        Arrays.fill(levels, 0);
        next = 0;
        count = 0;
    }
}
