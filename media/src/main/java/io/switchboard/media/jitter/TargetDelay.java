package io.switchboard.media.jitter;

/**
 * The depth, in frames, a jitter buffer aims for: fast to grow, slow to shrink.
 *
 * <p>It grows at once to {@code 1 + 3·J} frames when the RFC 3550 interarrival jitter J rises, and to
 * the depth that would have saved a frame when one arrives late or after an underrun: J alone, smoothed
 * over 16 packets, underestimates a network that stalls for 100 ms once a second. It shrinks by one
 * frame per {@value #DECAY_TICKS} ticks, and only while J asks for less and the buffer never ran lower
 * than two frames in that time: during a burst the level drains to one frame, so bursts that recur every
 * few seconds keep the depth they need instead of costing a loss each time the target had decayed.
 */
final class TargetDelay {
    /** Ticks between two shrink steps: two seconds. */
    static final int DECAY_TICKS = 100;
    private static final int JITTER_MULTIPLE = 3;

    private final int minFrames;
    private final int maxFrames;
    private final int unitsPerFrame;
    private int frames;
    private int wantedByJitter;
    private int ticks;
    private int lowestLevel = Integer.MAX_VALUE;

    TargetDelay(JitterBufferConfig config) {
        this.minFrames = config.minFrames();
        this.maxFrames = config.maxFrames();
        this.unitsPerFrame = config.unitsPerFrame();
        reset();
    }

    int frames() {
        return frames;
    }

    /** A new jitter estimate, RTP timestamp units. */
    void onJitter(double jitterUnits) {
        wantedByJitter = clamp(1 + (int) Math.round(JITTER_MULTIPLE * jitterUnits / unitsPerFrame));
        raiseTo(wantedByJitter);
    }

    /** A frame came {@code lateFrames} after its tick while the buffer was {@code depth} frames deep. */
    void onLate(int depth, long lateFrames) {
        raiseTo(clamp((int) Math.min(maxFrames, depth + lateFrames)));
    }

    /** One playout tick with {@code level} frames queued. */
    void onTick(int level) {
        lowestLevel = Math.min(lowestLevel, level);
        if (++ticks < DECAY_TICKS) {
            return;
        }
        if (lowestLevel >= 2 && wantedByJitter < frames) {
            frames--;
        }
        restartObservation();
    }

    void reset() {
        frames = minFrames;
        wantedByJitter = minFrames;
        restartObservation();
    }

    private void raiseTo(int wanted) {
        if (wanted > frames) {
            frames = wanted;
            restartObservation();
        }
    }

    private void restartObservation() {
        ticks = 0;
        lowestLevel = Integer.MAX_VALUE;
    }

    private int clamp(int f) {
        return Math.max(minFrames, Math.min(maxFrames, f));
    }
}
