package io.switchboard.media.wav;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes 16-bit PCM WAV files incrementally: the canonical 44-byte header (RIFF, {@code fmt } of 16
 * bytes, then {@code data} as the last chunk), then samples appended as they come.
 *
 * <p>Why incremental with {@link #updateHeader()}: a recording grows for the whole call, and its
 * header sizes are only right when rewritten. The owner rewrites them periodically, so a process
 * that dies leaves a file that plays up to the last update; {@link WavRepair} fixes the rest.
 * Blocking I/O: use it from a writer thread, not a lane. Not thread-safe.
 */
public final class WavWriter implements Closeable {
    /** Bytes before the samples in the files we write. */
    public static final int HEADER_BYTES = 44;
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - (HEADER_BYTES - 8);
    private static final int BITS = 16;

    private final Path path;
    private final FileChannel channel;
    private final int sampleRate;
    private final int channels;
    private long dataBytes;
    private ByteBuffer buffer = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);

    private WavWriter(Path path, FileChannel channel, int sampleRate, int channels, long dataBytes) {
        this.path = path;
        this.channel = channel;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.dataBytes = dataBytes;
    }

    /** A new, empty file (replacing {@code file} if it exists). */
    public static WavWriter create(Path file, int sampleRate, int channels) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        WavWriter w = new WavWriter(file, ch, sampleRate, channels, 0);
        ch.write(header(sampleRate, channels, 0), 0);
        return w;
    }

    /**
     * Continues {@code file}, which must be a PCM16 WAV of this rate and channel count as written by
     * this class (its header sizes need not be right: the samples are what follows the header, a
     * partial trailing sample frame is cut). Creates the file when it is absent or empty.
     */
    public static WavWriter append(Path file, int sampleRate, int channels) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            if (size == 0) {
                ch.write(header(sampleRate, channels, 0), 0);
                return new WavWriter(file, ch, sampleRate, channels, 0);
            }
            ByteBuffer existing = ByteBuffer.allocate(HEADER_BYTES);
            ch.read(existing, 0);
            ByteBuffer expected = header(sampleRate, channels, 0);
            if (existing.position() < HEADER_BYTES || !sameFormat(existing.array(), expected.array())) {
                throw new WavFormatException("cannot append: not a " + sampleRate + " Hz " + channels
                        + "-channel 16-bit WAV written by WavWriter", 0).in(file);
            }
            int block = channels * BITS / 8;
            long data = (size - HEADER_BYTES) / block * block;
            ch.truncate(HEADER_BYTES + data);
            WavWriter w = new WavWriter(file, ch, sampleRate, channels, data);
            w.updateHeader();
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Writes {@code audio} to a new file in one go. */
    public static void write(Path file, WavAudio audio) throws IOException {
        try (WavWriter w = create(file, audio.sampleRate(), audio.channels())) {
            short[] samples = audio.interleaved();
            w.write(samples, 0, samples.length);
        }
    }

    public Path path() {
        return path;
    }

    /** Sample bytes written so far. */
    public long dataBytes() {
        return dataBytes;
    }

    /** Appends {@code length} interleaved samples (whole sample frames) after those already written. */
    public void write(short[] samples, int offset, int length) throws IOException {
        if (length % channels != 0) {
            throw new IllegalArgumentException(length + " samples do not fill " + channels + " channels");
        }
        long bytes = 2L * length;
        if (dataBytes + bytes > MAX_DATA_BYTES) {
            throw new IOException(path + ": WAV size limit of 4 GiB reached");
        }
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        buffer.asShortBuffer().put(samples, offset, length);
        buffer.limit((int) bytes);
        long at = HEADER_BYTES + dataBytes;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        dataBytes += bytes;
    }

    /** Rewrites the RIFF and data sizes to match the samples written so far. */
    public void updateHeader() throws IOException {
        ByteBuffer riff = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) (dataBytes + 36));
        ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) dataBytes);
        channel.write(riff, 4);
        channel.write(data, 40);
    }

    /**
     * Updates the header and closes the file. It does not force the file to disk: a process that
     * dies loses nothing the kernel holds, and one writer thread serving every call cannot afford an
     * fsync per recording.
     */
    @Override
    public void close() throws IOException {
        try {
            updateHeader();
        } finally {
            channel.close();
        }
    }

    /** The 44-byte header of a PCM16 file with {@code dataBytes} of samples. */
    static ByteBuffer header(int sampleRate, int channels, long dataBytes) {
        int block = channels * BITS / 8;
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) (dataBytes + 36)).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(16).putShort((short) SampleFormat.TAG_PCM).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * block).putShort((short) block).putShort((short) BITS);
        h.put(ascii("data")).putInt((int) dataBytes);
        return h.flip();
    }

    /** Same header apart from the two size fields. */
    private static boolean sameFormat(byte[] a, byte[] b) {
        for (int i = 0; i < HEADER_BYTES; i++) {
            boolean size = (i >= 4 && i < 8) || i >= 40;
            if (!size && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
