package io.switchboard.media.jitter;

/**
 * A snapshot of one jitter buffer's counters. Every {@link Playout.Kind#LOSS} tick is counted once, as
 * {@code lost}, {@code underruns} or {@code expanded}.
 *
 * @param played        frames handed out for decoding
 * @param lost          ticks whose frame was missing while later frames were queued
 * @param underruns     ticks with nothing queued at all (a stall, a loss at the head, a pause, the end)
 * @param expanded      ticks held back, with frames queued, to deepen the buffer
 * @param late          packets dropped because their tick had passed (or too far behind, on probation)
 * @param duplicates    packets dropped because the same sequence number or timestamp was already seen
 * @param overflows     packets dropped because the buffer was full (the oldest go first)
 * @param shrunk        frames skipped to make the buffer shallower once jitter calmed down
 * @param resyncs       timestamp jumps that restarted playout (RTP sender restart, long silence); the
 *                      frames queued before the jump are discarded
 * @param sourceChanges SSRC changes, each of which reset the buffer
 */
public record JitterCounters(long played, long lost, long underruns, long expanded, long late, long duplicates,
                             long overflows, long shrunk, long resyncs, long sourceChanges) {
}
