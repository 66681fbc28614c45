package io.switchboard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    private static int u(int sample) {
        return G711.linearToUlaw((short) sample) & 0xFF;
    }

    private static int a(int sample) {
        return G711.linearToAlaw((short) sample) & 0xFF;
    }

    @Test
    void ulawKnownVectors() {
        // G.711 table 2a: zero is 0xFF (all bits inverted), full scale positive 0x80, negative 0x00.
        assertThat(u(0)).isEqualTo(0xFF);
        assertThat(u(32767)).isEqualTo(0x80);
        assertThat(u(-32768)).isEqualTo(0x00);
        assertThat(u(-4)).isEqualTo(0x7E);
        assertThat(u(1000)).isEqualTo(0xCE);
        assertThat(u(-1000)).isEqualTo(0x4E);
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ulawToLinear((byte) 0xCE)).isEqualTo((short) 988);
    }

    @Test
    void alawKnownVectors() {
        // G.711 table 1a: even bits inverted, so the smallest positive step is 0xD5 and negative 0x55.
        assertThat(a(0)).isEqualTo(0xD5);
        assertThat(a(-1)).isEqualTo(0x55);
        assertThat(a(32767)).isEqualTo(0xAA);
        assertThat(a(-32768)).isEqualTo(0x2A);
        assertThat(a(1000)).isEqualTo(0xFA);
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
        assertThat(G711.alawToLinear((byte) 0xFA)).isEqualTo((short) 1008);
    }

    @Test
    void everyCodeWordDecodesAndReencodesToItself() {
        for (int code = 0; code < 256; code++) {
            assertThat(a(G711.alawToLinear((byte) code))).as("A-law %02x", code).isEqualTo(code);
            if (code != 0x7F) { // µ-law has two zeros; 0x7F (-0) re-encodes as 0xFF (+0)
                assertThat(u(G711.ulawToLinear((byte) code))).as("µ-law %02x", code).isEqualTo(code);
            }
        }
    }

    @Test
    void encodingIsMonotonicInDecodedValue() {
        int prevU = Integer.MIN_VALUE;
        int prevA = Integer.MIN_VALUE;
        for (int s = -32768; s <= 32767; s++) {
            int du = G711.ulawToLinear(G711.linearToUlaw((short) s));
            int da = G711.alawToLinear(G711.linearToAlaw((short) s));
            assertThat(du).isGreaterThanOrEqualTo(prevU);
            assertThat(da).isGreaterThanOrEqualTo(prevA);
            prevU = du;
            prevA = da;
        }
    }

    @Test
    void roundTripErrorIsWithinHalfAQuantisationStep() {
        for (int s = -32000; s <= 32000; s++) {
            int mag = Math.abs(s);
            // Step size doubles per segment: error ≤ |x|/32 + 8 (µ-law) and |x|/32 + 16 (A-law) below clipping.
            int du = G711.ulawToLinear(G711.linearToUlaw((short) s));
            int da = G711.alawToLinear(G711.linearToAlaw((short) s));
            assertThat(Math.abs(du - s)).as("µ-law %d", s).isLessThanOrEqualTo(mag / 32 + 8);
            assertThat(Math.abs(da - s)).as("A-law %d", s).isLessThanOrEqualTo(mag / 32 + 16);
        }
    }

    @Test
    void sineSurvivesWithG711SignalToNoiseRatio() {
        for (G711Codec codec : G711Codec.values()) {
            short[] pcm = new short[PcmFrame.SAMPLES];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
            }
            byte[] payload = codec.encode(PcmFrame.of(pcm));
            assertThat(payload).hasSize(160);
            PcmFrame back = codec.decode(payload);
            double signal = 0;
            double noise = 0;
            for (int i = 0; i < pcm.length; i++) {
                signal += (double) pcm[i] * pcm[i];
                double e = pcm[i] - back.sample(i);
                noise += e * e;
            }
            double snrDb = 10 * Math.log10(signal / noise);
            assertThat(snrDb).as("%s SNR", codec).isGreaterThan(33.0);
        }
    }

    @Test
    void shortPayloadIsPaddedWithSilence() {
        PcmFrame f = G711Codec.PCMU.decode(new byte[] {(byte) 0x80});
        assertThat(f.sample(0)).isEqualTo((short) 32124);
        assertThat(f.sample(159)).isEqualTo((short) 0);
        assertThat(G711Codec.PCMU.timestampIncrement()).isEqualTo(160);
    }
}
