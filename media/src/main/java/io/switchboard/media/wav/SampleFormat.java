package io.switchboard.media.wav;

import io.switchboard.media.codec.G711;

/**
 * The sample encodings we read from a WAV {@code fmt } chunk. Format tags are those of the WAVE
 * registry (RFC 2361 appendix A): 1 PCM, 6 A-law, 7 µ-law; 0xFFFE (WAVE_FORMAT_EXTENSIBLE) carries
 * one of them in the first two bytes of its sub-format GUID. PCM of 8 bits or less is unsigned and
 * wider PCM signed, as the RIFF specification (Microsoft, 1991) defines.
 */
enum SampleFormat {
    PCM_U8(1) {
        @Override
        short decode(byte[] b, int at) {
            return (short) (((b[at] & 0xFF) - 128) << 8);
        }
    },
    PCM_S16LE(2) {
        @Override
        short decode(byte[] b, int at) {
            return (short) ((b[at] & 0xFF) | (b[at + 1] << 8));
        }
    },
    ALAW(1) {
        @Override
        short decode(byte[] b, int at) {
            return G711.alawToLinear(b[at]);
        }
    },
    ULAW(1) {
        @Override
        short decode(byte[] b, int at) {
            return G711.ulawToLinear(b[at]);
        }
    };

    static final int TAG_PCM = 1;
    static final int TAG_ALAW = 6;
    static final int TAG_MULAW = 7;
    static final int TAG_EXTENSIBLE = 0xFFFE;

    private final int bytes;

    SampleFormat(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per sample of one channel. */
    int bytes() {
        return bytes;
    }

    /** The 16-bit linear value of the sample at {@code at}. */
    abstract short decode(byte[] b, int at);

    /** The format for a tag and sample size, or a reason why it is not supported. */
    static SampleFormat of(int tag, int bits, long offset) throws WavFormatException {
        switch (tag) {
            case TAG_PCM:
                if (bits == 8) {
                    return PCM_U8;
                }
                if (bits == 16) {
                    return PCM_S16LE;
                }
                throw new WavFormatException("unsupported PCM sample size " + bits + " bits; supported: 8, 16", offset);
            case TAG_ALAW:
            case TAG_MULAW:
                if (bits != 8) {
                    throw new WavFormatException("G.711 needs 8 bits per sample, not " + bits, offset);
                }
                return tag == TAG_ALAW ? ALAW : ULAW;
            default:
                throw new WavFormatException(String.format("unsupported format tag 0x%04X; supported: PCM (1), "
                        + "A-law (6), µ-law (7)", tag), offset);
        }
    }
}
