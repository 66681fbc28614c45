package io.switchboard.media.play;

import static io.switchboard.media.resample.Signals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.G711Codec;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.wav.WavAudio;
import io.switchboard.media.wav.WavFormatException;
import io.switchboard.media.wav.WavWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCacheTest {
    /** One second at 8 kHz in PCMU is 50 payloads of 160 bytes. */
    private static final int ONE_SECOND = 8000;

    @TempDir
    Path dir;

    private final AtomicInteger encoders = new AtomicInteger();
    private final AtomicInteger encodedFrames = new AtomicInteger();

    /** G.711 µ-law that counts its instances and the frames it encodes. */
    private AudioCodec countingPcmu() {
        encoders.incrementAndGet();
        return new AudioCodec() {
            @Override
            public PayloadType payloadType() {
                return PayloadType.PCMU;
            }

            @Override
            public byte[] encode(PcmFrame frame) {
                encodedFrames.incrementAndGet();
                return G711Codec.PCMU.encode(frame);
            }

            @Override
            public PcmFrame decode(byte[] payload) {
                return G711Codec.PCMU.decode(payload);
            }
        };
    }

    private Path wav(String name, double hz, int rate, double seconds) throws Exception {
        Path file = dir.resolve(name);
        WavWriter.write(file, new WavAudio(rate, 1, sine(hz, rate, 8000, (int) (rate * seconds))));
        return file;
    }

    @Test
    void aPromptPlayedOverAndOverIsEncodedOnce() throws Exception {
        Path file = wav("welcome.wav", 440, 16000, 1);
        PromptCache cache = new PromptCache(1 << 20);

        EncodedPrompt first = cache.get(file, "PCMU/8000", this::countingPcmu);
        for (int i = 0; i < 10_000; i++) {
            assertThat(cache.get(file, "PCMU/8000", this::countingPcmu)).isSameAs(first);
        }

        assertThat(first.size()).isEqualTo(50);
        assertThat(first.bytes()).isEqualTo(ONE_SECOND);
        assertThat(encoders).hasValue(1);
        assertThat(encodedFrames).hasValue(50);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(10_000);
    }

    @Test
    void eachCodecHasItsOwnEntry() throws Exception {
        Path file = wav("welcome.wav", 440, 8000, 1);
        PromptCache cache = new PromptCache(1 << 20);

        EncodedPrompt ulaw = cache.get(file, "PCMU/8000", () -> G711Codec.PCMU);
        EncodedPrompt alaw = cache.get(file, "PCMA/8000", () -> G711Codec.PCMA);

        assertThat(ulaw.payload(10)).isNotEqualTo(alaw.payload(10));
        assertThat(alaw.codec()).isEqualTo("PCMA/8000");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(2 * ONE_SECOND);
    }

    @Test
    void aReplacedFileIsReadAgain() throws Exception {
        Path file = wav("menu.wav", 440, 8000, 1);
        PromptCache cache = new PromptCache(1 << 20);
        EncodedPrompt before = cache.get(file, "PCMU/8000", this::countingPcmu);

        wav("menu.wav", 880, 8000, 0.5);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        EncodedPrompt after = cache.get(file, "PCMU/8000", this::countingPcmu);

        assertThat(after).isNotSameAs(before);
        assertThat(after.size()).isEqualTo(25);
        assertThat(encoders).hasValue(2);
    }

    @Test
    void theLeastRecentlyPlayedPromptIsEvictedFirst() throws Exception {
        Path a = wav("a.wav", 300, 8000, 1);
        Path b = wav("b.wav", 400, 8000, 1);
        Path c = wav("c.wav", 500, 8000, 1);
        PromptCache cache = new PromptCache(2 * ONE_SECOND);
        EncodedPrompt first = cache.get(a, "PCMU/8000", this::countingPcmu);
        cache.get(b, "PCMU/8000", this::countingPcmu);
        cache.get(a, "PCMU/8000", this::countingPcmu);

        cache.get(c, "PCMU/8000", this::countingPcmu);

        assertThat(cache.evictions()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(2 * ONE_SECOND);
        assertThat(cache.get(a, "PCMU/8000", this::countingPcmu)).isSameAs(first);
        cache.get(b, "PCMU/8000", this::countingPcmu);
        assertThat(encoders).hasValue(4);
    }

    @Test
    void aPromptLargerThanTheCacheIsServedButNotKept() throws Exception {
        Path big = wav("big.wav", 300, 8000, 3);
        PromptCache cache = new PromptCache(2 * ONE_SECOND);

        assertThat(cache.get(big, "PCMU/8000", this::countingPcmu).size()).isEqualTo(150);
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void missingAndBrokenFilesFailWithTheirName() throws Exception {
        PromptCache cache = new PromptCache(1 << 20);
        assertThatThrownBy(() -> cache.get(dir.resolve("nope.wav"), "PCMU/8000", this::countingPcmu))
                .isInstanceOf(NoSuchFileException.class);
        Path broken = Files.write(dir.resolve("broken.wav"), "hello".getBytes());
        assertThatThrownBy(() -> cache.get(broken, "PCMU/8000", this::countingPcmu))
                .isInstanceOf(WavFormatException.class).hasMessageContaining("broken.wav: truncated");
        assertThat(cache.size()).isZero();
    }
}
