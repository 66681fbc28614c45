package io.switchboard.media.codec;

/**
 * ITU-T G.711 companding (µ-law and A-law) between 16-bit linear PCM and 8-bit code words.
 *
 * <p>Why tables: G.711 sits on every packet path (50 packets/s per call direction), so encode and
 * decode are single array look-ups. The tables are computed once from the segment/mantissa definition
 * in G.711 §2 (the same algorithm as the reference {@code g711.c} from Sun Microsystems, which works
 * on the 14-bit (µ-law) and 13-bit (A-law) magnitudes the recommendation specifies). Both laws invert
 * the even bits / all bits of the code word on the wire as G.711 requires.
 */
public final class G711 {
    private static final int ULAW_BIAS = 0x21;
    private static final int ULAW_CLIP = 8159;
    private static final int[] ULAW_SEG_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int[] ALAW_SEG_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];
    private static final byte[] ULAW_ENCODE = new byte[65536];
    private static final byte[] ALAW_ENCODE = new byte[65536];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_DECODE[code] = (short) ulawToLinearSlow(code);
            ALAW_DECODE[code] = (short) alawToLinearSlow(code);
        }
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            ULAW_ENCODE[s & 0xFFFF] = (byte) linearToUlawSlow(s);
            ALAW_ENCODE[s & 0xFFFF] = (byte) linearToAlawSlow(s);
        }
    }

    private G711() {
    }

    /** µ-law code word (0..255, as a byte) for a 16-bit linear sample. */
    public static byte linearToUlaw(short sample) {
        return ULAW_ENCODE[sample & 0xFFFF];
    }

    /** 16-bit linear sample for a µ-law code word. */
    public static short ulawToLinear(byte code) {
        return ULAW_DECODE[code & 0xFF];
    }

    /** A-law code word (0..255, as a byte) for a 16-bit linear sample. */
    public static byte linearToAlaw(short sample) {
        return ALAW_ENCODE[sample & 0xFFFF];
    }

    /** 16-bit linear sample for an A-law code word. */
    public static short alawToLinear(byte code) {
        return ALAW_DECODE[code & 0xFF];
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    private static int linearToUlawSlow(int pcm) {
        int v = pcm >> 2;
        int mask;
        if (v < 0) {
            v = -v;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (v > ULAW_CLIP) {
            v = ULAW_CLIP;
        }
        v += ULAW_BIAS;
        int seg = segment(v, ULAW_SEG_END);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int code = (seg << 4) | ((v >> (seg + 1)) & 0x0F);
        return code ^ mask;
    }

    private static int ulawToLinearSlow(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    private static int linearToAlawSlow(int pcm) {
        int v = pcm >> 3;
        int mask;
        if (v >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            v = -v - 1;
        }
        int seg = segment(v, ALAW_SEG_END);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int code = seg << 4;
        code |= seg < 2 ? (v >> 1) & 0x0F : (v >> seg) & 0x0F;
        return code ^ mask;
    }

    private static int alawToLinearSlow(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else if (seg == 1) {
            t += 0x108;
        } else {
            t += 0x108;
            t <<= seg - 1;
        }
        return (a & 0x80) != 0 ? t : -t;
    }
}
