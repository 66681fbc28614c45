package io.switchboard.media.wav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes the header of a WAV file whose writer died agree with the file: the data chunk is taken to
 * run to the end of the file (cut to whole sample frames), and the RIFF and data sizes are rewritten.
 *
 * <p>Why: a recording's sizes are updated periodically while it grows (see {@link WavWriter}); after a
 * crash the samples written since the last update are on disk but not counted by the header, and
 * most players stop at the stated size. Only for files whose data chunk is the last one, as
 * {@link WavWriter} writes them; a file with chunks after its data would have them swallowed.
 */
public final class WavRepair {
    private WavRepair() {
    }

    /** Fixes {@code file} in place; true when something had to change. */
    public static boolean repair(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return repair(ch);
        } catch (WavFormatException e) {
            throw e.in(file);
        }
    }

    private static boolean repair(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer riff = read(ch, 0, 12, "RIFF header");
        if (!"RIFF".equals(fourCc(riff, 0)) || !"WAVE".equals(fourCc(riff, 8))) {
            throw new WavFormatException("not a RIFF/WAVE file", 0);
        }
        int blockAlign = 0;
        long pos = 12;
        while (pos + 8 <= size) {
            ByteBuffer chunk = read(ch, pos, 8, "chunk header");
            String id = fourCc(chunk, 0);
            long declared = chunk.getInt(4) & 0xFFFFFFFFL;
            if ("fmt ".equals(id)) {
                blockAlign = read(ch, pos + 8, 16, "fmt chunk").getShort(12) & 0xFFFF;
            } else if ("data".equals(id)) {
                if (blockAlign == 0) {
                    throw new WavFormatException("data chunk before a valid fmt chunk", pos);
                }
                return fix(ch, pos, declared, blockAlign);
            }
            pos += 8 + declared + (declared & 1);
        }
        throw new WavFormatException("no data chunk", pos);
    }

    private static boolean fix(FileChannel ch, long dataChunk, long declared, int blockAlign) throws IOException {
        long start = dataChunk + 8;
        long available = ch.size() - start;
        long whole = available / blockAlign * blockAlign;
        if (start + whole - 8 > 0xFFFFFFFFL) {
            throw new WavFormatException("the file is larger than a WAV header can describe (4 GiB)", dataChunk);
        }
        boolean changed = false;
        if (start + whole != ch.size()) {
            ch.truncate(start + whole);
            changed = true;
        }
        if (declared != whole) {
            ch.write(u32(whole), dataChunk + 4);
            changed = true;
        }
        long riffSize = start + whole - 8;
        if ((read(ch, 4, 4, "RIFF size").getInt(0) & 0xFFFFFFFFL) != riffSize) {
            ch.write(u32(riffSize), 4);
            changed = true;
        }
        return changed;
    }

    private static ByteBuffer read(FileChannel ch, long at, int length, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
            // read until full or end of file
        }
        if (b.hasRemaining()) {
            throw new WavFormatException("truncated: " + what + " needs " + length + " bytes", at);
        }
        return b.flip();
    }

    private static ByteBuffer u32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) v);
    }

    private static String fourCc(ByteBuffer b, int at) {
        byte[] four = new byte[4];
        b.get(at, four);
        return new String(four, StandardCharsets.ISO_8859_1);
    }
}
