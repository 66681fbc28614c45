package io.switchboard.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Robustness (RFC 4475 §1: "must not break"): truncations and random byte flips of every torture
 * file, with a fixed seed, always decode to one of the {@link Decoded} kinds and never throw.
 */
class DecoderFuzzTest {
    private static final int MUTATIONS_PER_FILE = 2000;
    private static final byte[] INTERESTING = {0, '\r', '\n', ' ', '\t', ':', ';', ',', '"', '<', '>', '%', '\\', '@', '[', ']', (byte) 0xFF};

    private final SipDecoder decoder = new SipDecoder(16384);

    static Stream<String> files() {
        return TortureData.rfc4475Names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void truncationsNeverThrow(String file) {
        byte[] bytes = TortureData.rfc4475(file);
        int step = Math.max(1, bytes.length / 400);
        for (int cut = 0; cut <= bytes.length; cut += step) {
            assertDecodes(file + " cut at " + cut, Arrays.copyOf(bytes, cut));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void byteFlipsNeverThrow(String file) {
        byte[] original = TortureData.rfc4475(file);
        SplittableRandom random = new SplittableRandom(file.hashCode() * 31L + 4475);
        for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
            byte[] bytes = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = random.nextBoolean()
                        ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            assertDecodes(file + " mutation " + i, bytes);
        }
    }

    private void assertDecodes(String what, byte[] bytes) {
        Decoded[] result = new Decoded[1];
        assertThatCode(() -> result[0] = decoder.decodeDatagram(bytes)).as(what).doesNotThrowAnyException();
        assertThat(result[0]).as(what).isNotNull();
        if (result[0] instanceof Decoded.Reject r) {
            assertThatCode(r::toResponse).as(what + " response").doesNotThrowAnyException();
        } else if (result[0] instanceof Decoded.Drop d) {
            assertThat(d.reason()).as(what).isNotBlank();
        }
    }
}
