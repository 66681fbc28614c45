package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.Baresip;
import io.switchboard.testkit.ToneAnalysis;
import io.switchboard.testkit.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Audio through the anchored media path, checked by ear: softphone 1001 plays a 1 kHz tone file
 * ({@code aufile}), 1002 records what it hears ({@code sndfile}), and the recording must hold that tone
 * at about the level sent. Every call is anchored, so the audio crossed the switch's two RTP sessions
 * and its relay (passthrough for G.711 on both legs; decode + re-encode when one leg speaks Opus).
 */
class MediaE2eTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final double TONE_HZ = 1000;
    private static final double TONE_DBFS = -12;

    @Test
    void g711ToneCrossesTheSwitch() {
        toneThrough("g711", new String[] {"PCMU/8000"}, new String[] {"PCMU/8000"}, false);
    }

    @Test
    void alawCallerToUlawCalleeIsTranscoded() {
        toneThrough("g711-transcoded", new String[] {"PCMA/8000"}, new String[] {"PCMU/8000"}, true);
    }

    @Test
    void opusCallerToG711CalleeIsTranscoded() {
        toneThrough("opus-to-g711", new String[] {"opus/48000/2"}, new String[] {"PCMU/8000"}, true);
    }

    @Test
    void g711CallerToOpusCalleeIsTranscoded() {
        toneThrough("g711-to-opus", new String[] {"PCMA/8000"}, new String[] {"opus/48000/2"}, true);
    }

    /**
     * With {@code media.record=true} the switch writes the call as a stereo WAV: the caller's 1 kHz tone on
     * the left, the callee's 440 Hz sine (baresip's default source) on the right, with nothing of one in
     * the other, and the file is complete once the call has ended.
     */
    @Test
    void recordingHoldsBothPartiesOnTheirOwnChannel() throws IOException {
        Path dir = Path.of("target", "media-e2e", "recording").toAbsolutePath();
        Files.createDirectories(dir);
        Path tone = dir.resolve("tone-1k.wav");
        Wav.writeTone(tone, TONE_HZ, TONE_DBFS, 20, 48000, 2);
        try (TestSwitch sw = TestSwitch.start("media.record=true");
                Baresip a = Baresip.named("rec-1001").account("1001", E2e.password("1001")).registrar(sw.sipPort())
                        .playFile(tone).codecs("opus/48000/2").start();
                Baresip b = Baresip.named("rec-1002").account("1002", E2e.password("1002")).registrar(sw.sipPort())
                        .codecs("PCMU/8000").start()) {
            talk(sw, a, b, b, () -> { });
            Path file;
            try (Stream<Path> files = Files.walk(sw.dataDir().resolve("recordings"))) {
                file = files.filter(p -> p.toString().endsWith(".wav")).findFirst()
                        .orElseThrow(() -> new AssertionError("no recording under " + sw.dataDir().resolve("recordings")));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> Wav.read(file, 0).seconds() > 2.5);
            Wav.Audio left = Wav.read(file, 0);
            Wav.Audio right = Wav.read(file, 1);
            assertThat(left.sampleRate()).isEqualTo(8000);
            short[] l = left.window(1.0, left.seconds() - 0.5);
            short[] r = right.window(1.0, right.seconds() - 0.5);
            assertThat(ToneAnalysis.dominantFrequency(l, 8000, 200, 3400)).as("caller channel (Hz)").isBetween(990.0, 1010.0);
            assertThat(ToneAnalysis.dominantFrequency(r, 8000, 200, 3400)).as("callee channel (Hz)").isBetween(430.0, 450.0);
            assertThat(ToneAnalysis.toneShare(l, 8000, 440, 20)).as("callee's tone leaking into the caller's channel").isLessThan(0.01);
            assertThat(ToneAnalysis.toneShare(r, 8000, TONE_HZ, 20)).as("caller's tone leaking into the callee's channel").isLessThan(0.01);
        }
    }

    private void toneThrough(String prefix, String[] callerCodecs, String[] calleeCodecs, boolean transcoded) {
        Path dir = Path.of("target", "media-e2e", prefix).toAbsolutePath();
        Path tone = dir.resolve("tone-1k.wav");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Wav.writeTone(tone, TONE_HZ, TONE_DBFS, 20, 48000, 2);
        try (TestSwitch sw = TestSwitch.start();
                Baresip a = Baresip.named(prefix + "-1001").account("1001", E2e.password("1001")).registrar(sw.sipPort())
                        .playFile(tone).codecs(callerCodecs).start();
                Baresip b = Baresip.named(prefix + "-1002").account("1002", E2e.password("1002")).registrar(sw.sipPort())
                        .recordAudio().codecs(calleeCodecs).start()) {
            talk(sw, a, b, a, () -> {
                Map<String, Object> media = sw.switchboard().sip().media().stats();
                assertThat(media.get("bridges")).as("anchored calls").isEqualTo(1);
                assertThat(media.get("transcoding")).as("transcoding bridges").isEqualTo(transcoded ? 1 : 0);
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> sw.switchboard().sip().media().stats().get("portsInUse").equals(0));
            Path heard = received(b.dir());
            Wav.Audio audio = Wav.read(heard, 0);
            assertThat(audio.seconds()).as("seconds recorded by the callee").isGreaterThan(2);
            // skip the first second (jitter buffers filling, ringback) and the last half second
            short[] middle = audio.window(1.0, audio.seconds() - 0.5);
            double level = ToneAnalysis.rmsDbfs(middle);
            double freq = ToneAnalysis.dominantFrequency(middle, audio.sampleRate(), 200, 3400);
            double share = ToneAnalysis.toneShare(middle, audio.sampleRate(), TONE_HZ, 30);
            assertThat(freq).as("dominant frequency heard (Hz) in " + heard).isBetween(TONE_HZ - 10, TONE_HZ + 10);
            // a sine at -12 dBFS peak is -15 dBFS RMS; G.711 and the phones' resampling keep it within a few dB
            assertThat(level).as("level heard (dBFS RMS)").isBetween(TONE_DBFS - 3 - 4, TONE_DBFS - 3 + 4);
            assertThat(share).as("share of the energy in the tone").isGreaterThan(0.9);
        }
    }

    /**
     * 1001 ({@code a}) calls 1002 ({@code b}); once both are connected {@code whileUp} runs, the call lasts
     * three seconds of audio, then {@code hangsUp} hangs up and both see the call closed.
     */
    private static void talk(TestSwitch sw, Baresip a, Baresip b, Baresip hangsUp, Runnable whileUp) {
        try {
            a.awaitRegistered(STEP);
            b.awaitRegistered(STEP);
            a.dial("sip:1002@127.0.0.1:" + sw.sipPort());
            b.awaitEvent("CALL_ESTABLISHED", STEP, "CALL_CLOSED");
            a.awaitEvent("CALL_ESTABLISHED", STEP, "CALL_CLOSED");
            whileUp.run();
            sleep(Duration.ofSeconds(3));
            hangsUp.hangup();
            a.awaitEvent("CALL_CLOSED", STEP);
            b.awaitEvent("CALL_CLOSED", STEP);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + a.logText() + "\n" + b.logText(), e);
        }
    }

    private static Path received(Path baresipDir) {
        try (Stream<Path> files = Files.list(baresipDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("dump-") && p.getFileName().toString().endsWith("-dec.wav"))
                    .findFirst().orElseThrow(() -> new AssertionError("the callee recorded nothing in " + baresipDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
