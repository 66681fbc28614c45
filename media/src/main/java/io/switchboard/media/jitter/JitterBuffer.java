package io.switchboard.media.jitter;

import io.switchboard.media.codec.PcmFrame;
import java.time.Duration;
import java.util.TreeMap;

/**
 * An adaptive jitter buffer for one received RTP stream on a decoding path (recording, ASR, mixing):
 * packets go in as they arrive, one frame comes out per 20 ms tick, in timestamp order.
 *
 * <p>Packets are ordered by extended RTP timestamp, so reordering, sequence number wrap (65535→0) and
 * timestamp wrap (2^32) need no special cases. Duplicates and packets whose tick has passed are dropped
 * and counted; when more than {@code maxPackets} are queued the oldest go. A new SSRC resets everything
 * (RFC 3550 §8.2); a timestamp more than {@code maxPackets} frames ahead restarts playout at once (a
 * restarted sender, or a long silence), while one as far behind must be confirmed by the next packet
 * (the probation of RFC 3550 appendix A.1, so one stray old packet cannot throw the stream away).
 *
 * <p>Depth: the {@link TargetDelay} follows the interarrival jitter and late arrivals. The buffer follows
 * the target by holding a tick back (a {@link Playout.Kind#LOSS} the caller conceals) while the peak
 * level of the last second is below it, and by skipping one frame per second while that peak is two or
 * more frames above it. When it runs dry it stops playout until the target depth has queued again: if
 * the awaited frame then arrives, nothing is lost and the stall taught the target; if later frames
 * arrive first (loss, or a silence the sender did not transmit), playout resumes at them.
 *
 * <p>One packet carries one 20 ms frame ({@code a=ptime:20}, what {@code MediaPolicy} offers); a packet
 * of 40 ms plays as one frame followed by a loss tick.
 *
 * <p>Not thread-safe: like the codec behind it, it belongs to the call's lane, which pushes the packets
 * the transport hands over and pops on the media tick.
 */
public final class JitterBuffer {
    /** Ticks over which the level is observed, and the least spacing of two skipped frames: one second. */
    static final int LEVEL_TICKS = 1000 / PcmFrame.DURATION_MS;

    /**
     * FILLING: no playout point yet (start, or after an SSRC change); PLAYING: one frame per tick from
     * {@code nextTimestamp}; REFILLING: dry or just resynchronised, waiting at {@code nextTimestamp}.
     */
    private enum State { FILLING, PLAYING, REFILLING }

    private final JitterBufferConfig config;
    private final int unitsPerFrame;
    private final long jumpUnits;
    private final TreeMap<Long, byte[]> frames = new TreeMap<>();
    private final Extender sequences = new Extender(16);
    private final Extender timestamps = new Extender(32);
    private final SeenWindow seen = new SeenWindow();
    private final InterarrivalJitter jitter;
    private final TargetDelay target;
    private final LevelWindow levels = new LevelWindow(LEVEL_TICKS);

    private State state = State.FILLING;
    private boolean started;
    private boolean sourceKnown;
    private long ssrc;
    /** The timestamp of the frame the next tick plays (none while FILLING). */
    private long nextTimestamp;
    private long probationSequence = Long.MIN_VALUE;
    private int dryTicks;
    private int ticksSinceSkip;
    private long played;
    private long lost;
    private long underruns;
    private long expanded;
    private long late;
    private long duplicates;
    private long overflows;
    private long shrunk;
    private long resyncs;
    private long sourceChanges;

    public JitterBuffer(JitterBufferConfig config) {
        this.config = config;
        this.unitsPerFrame = config.unitsPerFrame();
        this.jumpUnits = (long) config.maxPackets() * unitsPerFrame;
        this.jitter = new InterarrivalJitter(config.clockRate());
        this.target = new TargetDelay(config);
    }

    /**
     * Queues a received packet.
     *
     * @param ssrc         the RTP SSRC (unsigned 32-bit)
     * @param sequence     the RTP sequence number (16-bit, wraps)
     * @param timestamp    the RTP timestamp (unsigned 32-bit, wraps)
     * @param payload      the RTP payload of one 20 ms frame; kept, not copied
     * @param arrivalNanos the arrival time on a monotonic clock, nanoseconds
     */
    public void push(long ssrc, int sequence, long timestamp, byte[] payload, long arrivalNanos) {
        if (sourceKnown && ssrc != this.ssrc) {
            sourceChanges++;
            reset();
        }
        sourceKnown = true;
        this.ssrc = ssrc;
        long seq = sequences.extend(sequence);
        long ts = timestamps.extend(timestamp);
        if (seen.seenBefore(seq)) {
            duplicates++;
            return;
        }
        if (onProbation(seq, ts)) {
            late++;
            return;
        }
        jitter.update(ts, arrivalNanos);
        target.onJitter(jitter.units());
        if (state != State.FILLING && ts < nextTimestamp) {
            late++;
            target.onLate(levels.max(), (nextTimestamp - ts + unitsPerFrame - 1) / unitsPerFrame);
            return;
        }
        if (frames.putIfAbsent(ts, payload) != null) {
            duplicates++;
            return;
        }
        if (frames.size() > config.maxPackets()) {
            long oldest = frames.pollFirstEntry().getKey();
            overflows++;
            if (state != State.FILLING && oldest >= nextTimestamp) {
                nextTimestamp = oldest + unitsPerFrame;
            }
        }
    }

    /** The payload for this 20 ms tick, a loss to conceal, or (before anything has played) filling. */
    public Playout pop() {
        if (state != State.PLAYING && !resumePlayout()) {
            if (!started) {
                return Playout.filling();
            }
            dryTicks++;
            if (frames.isEmpty()) {
                underruns++;
            } else {
                expanded++;
            }
            return Playout.loss();
        }
        if (frames.isEmpty()) {
            state = State.REFILLING;
            dryTicks = 1;
            underruns++;
            return Playout.loss();
        }
        int level = (int) ((frames.lastKey() - nextTimestamp) / unitsPerFrame) + 1;
        levels.add(level);
        target.onTick(level);
        if (levels.max() < target.frames()) {
            expanded++;
            return Playout.loss();
        }
        if (++ticksSinceSkip >= LEVEL_TICKS && level > 1 && levels.full() && levels.max() > target.frames() + 1) {
            takeSlot();
            ticksSinceSkip = 0;
            shrunk++;
        }
        byte[] payload = takeSlot();
        if (payload == null) {
            lost++;
            return Playout.loss();
        }
        played++;
        return Playout.frame(payload);
    }

    /** The depth the buffer currently aims for. */
    public Duration targetDelay() {
        return Duration.ofMillis((long) target.frames() * PcmFrame.DURATION_MS);
    }

    /** The RFC 3550 interarrival jitter estimate (what RTCP would report), RTP timestamp units. */
    public long jitterUnits() {
        return Math.round(jitter.units());
    }

    /** Packets currently queued. */
    public int size() {
        return frames.size();
    }

    public JitterCounters counters() {
        return new JitterCounters(played, lost, underruns, expanded, late, duplicates, overflows, shrunk, resyncs,
                sourceChanges);
    }

    /**
     * The frame of the tick at {@code nextTimestamp}, or null, and moves on one frame. A frame whose
     * timestamp falls inside the tick (a sender whose timestamps are not a whole number of frames apart)
     * is taken too, and playout realigns to it.
     */
    private byte[] takeSlot() {
        Long first = frames.isEmpty() ? null : frames.firstKey();
        if (first == null || first >= nextTimestamp + unitsPerFrame) {
            nextTimestamp += unitsPerFrame;
            return null;
        }
        nextTimestamp = first + unitsPerFrame;
        return frames.pollFirstEntry().getValue();
    }

    /**
     * Starts playout at the oldest queued frame once the target depth is queued. After a stall whose
     * awaited frame did arrive, the target learns how long the buffer was dry.
     */
    private boolean resumePlayout() {
        if (frames.isEmpty() || (frames.lastKey() - frames.firstKey()) / unitsPerFrame + 1 < target.frames()) {
            return false;
        }
        if (state == State.REFILLING && frames.firstKey() < nextTimestamp + unitsPerFrame) {
            target.onLate(levels.max(), dryTicks);
        }
        nextTimestamp = frames.firstKey();
        state = State.PLAYING;
        started = true;
        levels.clear();
        return true;
    }

    /**
     * True when {@code ts} is too far behind the playout point to be jitter and waits for its successor
     * to confirm a restarted sender. A jump that far ahead, or a confirmed one, restarts playout from it.
     */
    private boolean onProbation(long seq, long ts) {
        long reference = state != State.FILLING ? nextTimestamp : frames.isEmpty() ? ts : frames.firstKey();
        if (Math.abs(ts - reference) <= jumpUnits) {
            probationSequence = Long.MIN_VALUE;
            return false;
        }
        if (ts < reference && seq != probationSequence + 1) {
            probationSequence = seq;
            return true;
        }
        probationSequence = Long.MIN_VALUE;
        resyncs++;
        frames.clear();
        levels.clear();
        jitter.restart();
        nextTimestamp = ts;
        dryTicks = 0;
        if (state == State.PLAYING) {
            state = State.REFILLING;
        }
        return false;
    }

    private void reset() {
        frames.clear();
        sequences.reset();
        timestamps.reset();
        seen.reset();
        jitter.reset();
        target.reset();
        levels.clear();
        probationSequence = Long.MIN_VALUE;
        state = State.FILLING;
        dryTicks = 0;
    }
}
