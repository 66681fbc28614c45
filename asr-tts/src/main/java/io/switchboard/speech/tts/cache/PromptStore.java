package io.switchboard.speech.tts.cache;

import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.play.Prompt;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthesized prompts on disk, so a restart does not synthesize them again. One file per
 * {@link PromptKey} at {@code <dir>/<first two hex digits>/<sha-256>.prompt}: a magic number, the
 * canonical key (checked on read), then the 8 kHz PCM frames. Files are written to a temporary name and
 * moved into place, so a crash never leaves half a prompt under a real name; an unreadable file counts as
 * absent and is synthesized again.
 */
final class PromptStore {
    private static final int MAGIC = 0x53425450; // "SBTP"
    private static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PromptStore.class);

    private final Path dir;

    PromptStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path path(PromptKey key) {
        String h = key.hash();
        return dir.resolve(h.substring(0, 2)).resolve(h + ".prompt");
    }

    /** The stored prompt, or null when there is none (or it cannot be read). */
    Prompt read(PromptKey key) {
        Path p = path(key);
        try (InputStream raw = Files.newInputStream(p);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a prompt cache file");
            }
            byte[] k = new byte[in.readInt()];
            in.readFully(k);
            if (!new String(k, StandardCharsets.UTF_8).equals(key.canonical())) {
                throw new IOException("holds another prompt (hash collision)");
            }
            int frames = in.readInt();
            List<PcmFrame> out = new ArrayList<>(frames);
            short[] samples = new short[PcmFrame.SAMPLES];
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = in.readShort();
                }
                out.add(PcmFrame.of(samples));
            }
            return Prompt.of(out);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable prompt cache file {}: {}", p, e.getMessage());
            return null;
        }
    }

    /** Stores {@code prompt}; a failure is logged and the prompt simply stays uncached on disk. */
    void write(PromptKey key, Prompt prompt) {
        Path p = path(key);
        try {
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), ".tmp-", ".prompt");
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                byte[] k = key.canonical().getBytes(StandardCharsets.UTF_8);
                out.writeInt(k.length);
                out.write(k);
                out.writeInt(prompt.size());
                for (PcmFrame f : prompt.frames()) {
                    for (int i = 0; i < PcmFrame.SAMPLES; i++) {
                        out.writeShort(f.sample(i));
                    }
                }
            }
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("cannot write prompt cache file {}: {}", p, e.getMessage());
        }
    }
}
