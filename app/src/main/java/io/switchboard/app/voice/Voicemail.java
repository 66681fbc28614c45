package io.switchboard.app.voice;

import io.switchboard.core.lane.Lane;
import io.switchboard.ivr.port.RecordRequest;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.dtmf.TonePlan;
import io.switchboard.media.play.Player;
import io.switchboard.media.wav.WavWriter;
import io.switchboard.sip.b2bua.AnsweredCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voicemail for the {@code record} verb: a beep, then the caller's audio (decoded from its RTP, 8 kHz mono)
 * until the finish key, the maximum length or the caller's hang-up, written as a WAV file under
 * {@code <data>/voicemail/<mailbox>/}. A caller who hangs up after speaking leaves the message.
 */
final class Voicemail {
    private static final Logger log = LoggerFactory.getLogger(Voicemail.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final TonePlan BEEP = new TonePlan(List.of(new TonePlan.Segment(400, 1000)), false);

    private final Path root;
    private final Executor io;
    private final InstantSource clock;

    Voicemail(Path root, Executor io, InstantSource clock) {
        this.root = root;
        this.io = io;
        this.clock = clock;
    }

    /** Starts a recording; exactly one of the callbacks runs (on the lane) unless it is discarded. */
    Take start(AnsweredCall call, RecordRequest request, BiConsumer<String, Duration> recorded, Consumer<String> failed) {
        Take t = new Take(call, request, recorded, failed);
        if (request.beep()) {
            PcmOut.prepare(call);
            Player beep = Player.tone(BEEP, 6000, call.session(), outcome -> t.capture());
            t.beep = beep;
            call.tick().add(beep);
        } else {
            t.capture();
        }
        return t;
    }

    /** One recording in progress. Lane-confined, except the frames the media loop appends. */
    final class Take {
        private final AnsweredCall call;
        private final RecordRequest request;
        private final BiConsumer<String, Duration> recorded;
        private final Consumer<String> failed;
        private final TimedAudio audio;
        private Player beep;
        private Lane.TimerHandle limit = Lane.TimerHandle.NONE;
        private final TapDecoder decoder = new TapDecoder();
        private boolean done;

        Take(AnsweredCall call, RecordRequest request, BiConsumer<String, Duration> recorded, Consumer<String> failed) {
            this.call = call;
            this.request = request;
            this.recorded = recorded;
            this.failed = failed;
            this.audio = new TimedAudio((int) Math.max(1, request.maxLength().toMillis() * PcmFrame.SAMPLE_RATE / 1000));
        }

        private void capture() {
            if (done) {
                return;
            }
            call.tapCaller((from, codec, ssrc, seq, ts, payload, at) -> append(codec, ts, payload));
            limit = call.lane().schedule(request.maxLength(), this::finish);
        }

        /** On the media event loop. */
        private void append(PayloadType codec, long timestamp, byte[] payload) {
            audio.add(timestamp, codec.clockRate(), decoder.decode(codec, payload));
        }

        /** Ends the recording and keeps it. */
        void finish() {
            if (done) {
                return;
            }
            stop();
            short[] pcm = audio.samples();
            Duration length = Duration.ofMillis((long) pcm.length * 1000 / PcmFrame.SAMPLE_RATE);
            String mailbox = safe(request.mailbox());
            Path file = root.resolve(mailbox).resolve(STAMP.format(clock.instant()) + "-" + safe(call.callId()) + ".wav");
            Lane lane = call.lane();
            io.execute(() -> {
                try {
                    Files.createDirectories(file.getParent());
                    try (WavWriter w = WavWriter.create(file, PcmFrame.SAMPLE_RATE, 1)) {
                        w.write(pcm, 0, pcm.length);
                    }
                    log.info("call {}: voicemail for {} saved: {} ({} s)", call.callId(), mailbox, file, length.toMillis() / 1000.0);
                    lane.execute(() -> recorded.accept(file.toUri().toString(), length));
                } catch (IOException e) {
                    log.error("call {}: voicemail for {} could not be saved to {}: {}", call.callId(), mailbox, file, e.getMessage());
                    lane.execute(() -> failed.accept("the recording could not be saved: " + e.getMessage()));
                }
            });
        }

        /** Ends the recording and throws it away. */
        void discard() {
            if (!done) {
                stop();
            }
        }

        private void stop() {
            done = true;
            limit.cancel();
            if (beep != null) {
                beep.stop();
            }
            call.tapCaller(null);
            decoder.close(call);
        }
    }

    /** A mailbox or Call-ID as a file name: letters, digits, dot, dash and underscore only. */
    private static String safe(String s) {
        String cleaned = s == null ? "" : s.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}
