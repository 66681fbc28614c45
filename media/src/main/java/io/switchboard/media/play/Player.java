package io.switchboard.media.play;

import io.switchboard.media.tick.MediaTick;
import io.switchboard.media.dtmf.ToneGenerator;
import io.switchboard.media.dtmf.TonePlan;
import io.switchboard.media.endpoint.MediaEndpoint;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Plays one prompt or tone to one endpoint, a frame per {@link #tick()}.
 *
 * <p>Why tick-driven: media on a lane is paced by the lane's single 20 ms media tick
 * (ARCHITECTURE.md, threading model), which calls {@code tick()} on every active player; a player that
 * scheduled itself would drift from the other streams of the call and cost a timer per stream.
 * {@link #stop()} is barge-in (a DTMF key or speech cuts the announcement). The completion callback
 * runs exactly once, on the lane: from the tick that sent the last frame ({@link Outcome#FINISHED})
 * or from {@code stop()} ({@link Outcome#STOPPED}). Not thread-safe: one player per stream, on its lane.
 */
public final class Player implements MediaTick.Tickable {
    /** How a playback ended. */
    public enum Outcome {
        /** Every frame was sent. */
        FINISHED,
        /** {@link #stop()} cut it short. */
        STOPPED
    }

    private final Source source;
    private final Consumer<Outcome> onDone;
    private boolean playing = true;
    private long framesSent;

    private Player(Source source, Consumer<Outcome> onDone) {
        this.source = source;
        this.onDone = onDone;
    }

    /** Plays {@code prompt} to {@code target}, from the start again after its end when {@code loop}. */
    public static Player prompt(Prompt prompt, MediaEndpoint target, boolean loop, Consumer<Outcome> onDone) {
        return new Player(new Sequence<>(prompt.frames()::get, prompt.size(), loop, target::send), onDone);
    }

    /** Sends the cached payloads of {@code prompt}, without encoding them again. */
    public static Player encoded(EncodedPrompt prompt, PayloadSink target, boolean loop, Consumer<Outcome> onDone) {
        return new Player(new Sequence<>(prompt::payload, prompt.size(), loop, target::send), onDone);
    }

    /**
     * Plays a cadence (ringback, busy, congestion, a DTMF key): repeating plans go on until stopped,
     * others finish after their last segment.
     *
     * @param amplitude peak per frequency, as for {@link ToneGenerator}
     */
    public static Player tone(TonePlan plan, double amplitude, MediaEndpoint target, Consumer<Outcome> onDone) {
        ToneGenerator generator = new ToneGenerator(plan, amplitude);
        return new Player(new Source() {
            @Override
            public boolean hasNext() {
                return !generator.isFinished();
            }

            @Override
            public void sendNext() {
                target.send(generator.nextFrame());
            }
        }, onDone);
    }

    /** Sends the next frame; false once the playback has ended (then it does nothing). */
    @Override
    public boolean tick() {
        if (!playing) {
            return false;
        }
        if (source.hasNext()) {
            source.sendNext();
            framesSent++;
        }
        if (!source.hasNext()) {
            end(Outcome.FINISHED);
        }
        return playing;
    }

    /** Ends the playback now (barge-in); does nothing once it has ended. */
    public void stop() {
        end(Outcome.STOPPED);
    }

    public boolean isPlaying() {
        return playing;
    }

    /** Frames sent so far. */
    public long framesSent() {
        return framesSent;
    }

    private void end(Outcome outcome) {
        if (playing) {
            playing = false;
            onDone.accept(outcome);
        }
    }

    private interface Source {
        boolean hasNext();

        void sendNext();
    }

    /** Frames {@code 0..size-1} of a list-like source, optionally round and round. */
    private static final class Sequence<T> implements Source {
        private final IntFunction<T> frame;
        private final int size;
        private final boolean loop;
        private final Consumer<T> target;
        private int next;

        Sequence(IntFunction<T> frame, int size, boolean loop, Consumer<T> target) {
            this.frame = frame;
            this.size = size;
            this.loop = loop;
            this.target = target;
        }

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public void sendNext() {
            target.accept(frame.apply(next));
            next++;
            if (loop && next == size) {
                next = 0;
            }
        }
    }
}
