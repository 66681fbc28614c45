package io.switchboard.media.record;

import java.util.concurrent.atomic.LongAdder;

/**
 * Progress and health of a {@link RecordingWriter} (STYLE principle 11). Lanes count what they drop,
 * the writer thread what it writes, metrics read both: {@link LongAdder}s.
 */
public final class RecordingCounters {
    final LongAdder framesQueued = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder framesWritten = new LongAdder();
    final LongAdder sideOverruns = new LongAdder();
    final LongAdder recordingsFinished = new LongAdder();
    final LongAdder writeErrors = new LongAdder();

    /** 20 ms stereo frames lanes handed to the writer. */
    public long framesQueued() {
        return framesQueued.sum();
    }

    /** Frames lost because the queue was full or the writer stopped (the lane never waits). */
    public long framesDropped() {
        return framesDropped.sum();
    }

    /** Frames written to files. */
    public long framesWritten() {
        return framesWritten.sum();
    }

    /**
     * Frames of one side discarded because that side delivered faster than the tick for longer than
     * the recorder's jitter allowance (a far end whose clock runs fast).
     */
    public long sideOverruns() {
        return sideOverruns.sum();
    }

    /** Recordings closed with their final header. */
    public long recordingsFinished() {
        return recordingsFinished.sum();
    }

    /** Recordings abandoned after an I/O error (disk full, permissions): each also logged once. */
    public long writeErrors() {
        return writeErrors.sum();
    }

    @Override
    public String toString() {
        return "queued=" + framesQueued() + " written=" + framesWritten() + " dropped=" + framesDropped()
                + " overruns=" + sideOverruns() + " finished=" + recordingsFinished() + " errors=" + writeErrors();
    }
}
