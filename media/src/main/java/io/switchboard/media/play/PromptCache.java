package io.switchboard.media.play;

import io.switchboard.media.codec.AudioCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Encoded prompts by file and codec, so an announcement played a million times is read, resampled
 * and encoded once (ARCHITECTURE.md: "audio for a prompt is … encoded once, then reused").
 *
 * <p>The key is the file's absolute path, modification time and size plus the codec name: replacing
 * a prompt file on disk is picked up on the next play without any invalidation call, and the stale
 * entry ages out. The cache is bounded by the total payload bytes it holds and evicts the least
 * recently played entry first; a prompt larger than the whole budget is returned but not kept.
 *
 * <p>Threading: shared by all lanes. {@link #get} stats the file on every call and reads it on a
 * miss, so it runs on a blocking pool and the result is handed to the lane. Two threads missing the
 * same key at once may both encode it; the second result replaces the first.
 */
public final class PromptCache {
    private final long maxBytes;
    private final Map<Key, EncodedPrompt> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    private record Key(Path path, FileTime modified, long size, String codec) {
    }

    /** A cache holding at most {@code maxBytes} of encoded payload. */
    public PromptCache(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache size must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * The prompt in {@code wav}, encoded for {@code codec}.
     *
     * @param codec   names what {@code encoders} produce (e.g. {@code PCMU/8000}); part of the key
     * @param encoders makes a fresh codec instance, used only on a miss
     */
    public EncodedPrompt get(Path wav, String codec, Supplier<? extends AudioCodec> encoders) throws IOException {
        Path path = wav.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Key key = new Key(path, attributes.lastModifiedTime(), attributes.size(), codec);
        synchronized (this) {
            EncodedPrompt cached = entries.get(key);
            if (cached != null) {
                hits++;
                return cached;
            }
            misses++;
        }
        EncodedPrompt loaded = EncodedPrompt.encode(Prompt.load(path), codec, encoders.get());
        if (loaded.bytes() <= maxBytes) {
            store(key, loaded);
        }
        return loaded;
    }

    private synchronized void store(Key key, EncodedPrompt prompt) {
        EncodedPrompt previous = entries.put(key, prompt);
        bytes += prompt.bytes() - (previous == null ? 0 : previous.bytes());
        Iterator<EncodedPrompt> eldest = entries.values().iterator();
        while (bytes > maxBytes) {
            bytes -= eldest.next().bytes();
            eldest.remove();
            evictions++;
        }
    }

    /** Payload bytes held. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Entries held. */
    public synchronized int size() {
        return entries.size();
    }

    public synchronized long hits() {
        return hits;
    }

    /** Lookups that had to read and encode a file. */
    public synchronized long misses() {
        return misses;
    }

    /** Entries dropped to stay within the byte budget. */
    public synchronized long evictions() {
        return evictions;
    }

    @Override
    public synchronized String toString() {
        return "PromptCache[entries=" + entries.size() + " bytes=" + bytes + "/" + maxBytes + " hits=" + hits
                + " misses=" + misses + " evictions=" + evictions + "]";
    }
}
