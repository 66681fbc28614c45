package io.switchboard.media.wav;

import io.switchboard.media.codec.PcmFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads RIFF/WAVE files: PCM 8-bit unsigned and 16-bit signed, G.711 A-law and µ-law (format tags
 * 6 and 7, RFC 2361), any channel count and rate, plain or WAVE_FORMAT_EXTENSIBLE headers.
 *
 * <p>Chunks other than {@code fmt } and {@code data} (LIST, fact, cue, …) are skipped, odd-sized
 * chunks are padded to even length as RIFF requires, and reading stops at the data chunk, so
 * anything after it (trailing metadata, or garbage after a stale size) is ignored. The RIFF size is
 * not trusted (many tools get it wrong); a data size of 0xFFFFFFFF, written by tools that stream WAV
 * to a pipe, means "up to the end of the file". Everything else that does not fit is a
 * {@link WavFormatException} naming the problem and its offset.
 *
 * <p>Whole files are read into memory: this is for prompts and recordings, not hours of audio.
 * Reading blocks, so callers on a lane hand it to a blocking pool.
 */
public final class WavReader {
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final int FMT_MIN = 16;
    private static final int EXTENSIBLE_MIN = 40;

    private WavReader() {
    }

    /** The audio of {@code file}; a format problem names the file. */
    public static WavAudio read(Path file) throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (WavFormatException e) {
            throw e.in(file);
        }
    }

    /** The audio of {@code file} as 8 kHz mono 20 ms frames (down-mixed and resampled once). */
    public static List<PcmFrame> readFrames(Path file) throws IOException {
        return read(file).toPcmFrames();
    }

    /** The audio of a WAV file held in memory. */
    public static WavAudio read(byte[] b) throws WavFormatException {
        require(b, 0, 12, "RIFF header");
        if (!"RIFF".equals(fourCc(b, 0))) {
            throw new WavFormatException("not a RIFF file (starts with '" + printable(b, 0) + "')", 0);
        }
        if (!"WAVE".equals(fourCc(b, 8))) {
            throw new WavFormatException("RIFF form type is '" + printable(b, 8) + "', not 'WAVE'", 8);
        }
        Format format = null;
        int pos = 12;
        while (pos + 8 <= b.length) {
            String id = fourCc(b, pos);
            long size = u32(b, pos + 4);
            int body = pos + 8;
            if ("fmt ".equals(id)) {
                format = format(b, body, size);
            } else if ("data".equals(id)) {
                if (format == null) {
                    throw new WavFormatException("data chunk before fmt chunk", pos);
                }
                return samples(b, body, size, format);
            }
            long next = body + size + (size & 1);
            if (next > b.length) {
                throw new WavFormatException("truncated: '" + printable(b, pos) + "' chunk of " + size
                        + " bytes runs past the end of the file (" + b.length + " bytes)", pos);
            }
            pos = (int) next;
        }
        throw new WavFormatException(format == null ? "no fmt chunk" : "no data chunk", pos);
    }

    private record Format(SampleFormat sample, int channels, int sampleRate, int blockAlign) {
    }

    private static Format format(byte[] b, int at, long size) throws WavFormatException {
        if (size < FMT_MIN) {
            throw new WavFormatException("fmt chunk of " + size + " bytes is shorter than 16", at - 8);
        }
        require(b, at, FMT_MIN, "fmt chunk");
        int tag = u16(b, at);
        int channels = u16(b, at + 2);
        long rate = u32(b, at + 4);
        int blockAlign = u16(b, at + 12);
        int bits = u16(b, at + 14);
        if (tag == SampleFormat.TAG_EXTENSIBLE && size >= EXTENSIBLE_MIN) {
            require(b, at, EXTENSIBLE_MIN, "WAVE_FORMAT_EXTENSIBLE fmt chunk");
            tag = u16(b, at + 24);
        }
        SampleFormat sample = SampleFormat.of(tag, bits, at);
        if (channels == 0 || rate == 0 || rate > Integer.MAX_VALUE) {
            throw new WavFormatException("invalid fmt: " + channels + " channels at " + rate + " Hz", at + 2);
        }
        if (blockAlign != channels * sample.bytes()) {
            throw new WavFormatException("block align " + blockAlign + " does not match " + channels
                    + " channels of " + bits + " bits", at + 12);
        }
        return new Format(sample, channels, (int) rate, blockAlign);
    }

    private static WavAudio samples(byte[] b, int at, long size, Format f) throws WavFormatException {
        long available = b.length - at;
        if (size == UNKNOWN_SIZE) {
            size = available;
        } else if (size > available) {
            throw new WavFormatException("truncated: data chunk declares " + size + " bytes, the file holds "
                    + available, at);
        }
        int blocks = (int) (size / f.blockAlign());
        short[] out = new short[blocks * f.channels()];
        int width = f.sample().bytes();
        for (int i = 0; i < out.length; i++) {
            out[i] = f.sample().decode(b, at + i * width);
        }
        return new WavAudio(f.sampleRate(), f.channels(), out);
    }

    private static void require(byte[] b, int at, int length, String what) throws WavFormatException {
        if (at + length > b.length) {
            throw new WavFormatException("truncated: " + what + " needs " + length + " bytes, the file ends after "
                    + (b.length - at), at);
        }
    }

    private static String fourCc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    /** Four bytes for a message: printable ASCII as is, other bytes as '?'. */
    private static String printable(byte[] b, int at) {
        StringBuilder s = new StringBuilder(4);
        for (int i = at; i < at + 4 && i < b.length; i++) {
            s.append(b[i] >= 0x20 && b[i] < 0x7F ? (char) b[i] : '?');
        }
        return s.toString();
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
