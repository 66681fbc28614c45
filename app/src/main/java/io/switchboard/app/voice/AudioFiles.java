package io.switchboard.app.voice;

import io.switchboard.media.codec.Codecs;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.play.EncodedPrompt;
import io.switchboard.media.play.PromptCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The audio files flows {@code play} (announcements, hold music): WAV files named relative to the sounds
 * directory ({@code conf/sounds}), never outside it, read and encoded once per codec (cached), off the lane.
 */
final class AudioFiles {
    private final Path root;
    private final PromptCache cache;
    private final Executor io;

    AudioFiles(Path root, long cacheBytes, Executor io) {
        this.root = root.toAbsolutePath().normalize();
        this.cache = new PromptCache(cacheBytes);
        this.io = io;
    }

    /** The file encoded for {@code codec}; fails with a clear message for a missing file or a name outside the sounds directory. */
    CompletableFuture<EncodedPrompt> load(String name, PayloadType codec) {
        return CompletableFuture.supplyAsync(() -> {
            Path file = root.resolve(name).normalize();
            if (!file.startsWith(root)) {
                throw new IllegalArgumentException("'" + name + "' is outside the sounds directory " + root);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such sound file " + file);
            }
            try {
                return cache.get(file, codec.rtpmap(), () -> Codecs.forPayloadType(codec));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }, io);
    }
}
