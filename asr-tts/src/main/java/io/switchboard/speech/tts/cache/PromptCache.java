package io.switchboard.speech.tts.cache;

import io.reactivex.rxjava3.core.Single;
import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.Codecs;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.play.EncodedPrompt;
import io.switchboard.media.play.Prompt;
import io.switchboard.speech.tts.SynthesisException;
import io.switchboard.speech.tts.SynthesisPool;
import io.switchboard.speech.tts.SynthesisRequest;
import io.switchboard.speech.tts.VoiceChoice;
import io.switchboard.speech.tts.Voices;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthesized prompts, encoded for a codec, so a prompt played a million times is synthesized once
 * (ARCHITECTURE.md: "audio for a prompt is synthesized and encoded once, then reused").
 *
 * <p>Two levels. In memory: {@link EncodedPrompt}s keyed by engine, engine voice, text, rate and codec,
 * bounded by their payload bytes, least recently used evicted first. On disk (default
 * {@code data/tts-cache}): the 8 kHz PCM per engine, voice, text and rate, so a restart only re-encodes
 * (microseconds per frame) instead of re-synthesizing. Concurrent lookups of the same prompt synthesize it
 * once: the others wait for the first.
 *
 * <p>Threading: shared by all lanes; {@link #get} blocks on a miss, so call it on a {@link SynthesisPool}
 * ({@link #get(SynthesisRequest, PayloadType, SynthesisPool)} does).
 */
public final class PromptCache {
    /** Where prompts go unless configured otherwise. */
    public static final Path DEFAULT_DIR = Path.of("data", "tts-cache");

    private final Voices voices;
    private final PromptStore store;
    private final long maxBytes;
    private final Map<MemoryKey, EncodedPrompt> memory = new LinkedHashMap<>(64, 0.75f, true);
    private final ConcurrentHashMap<PromptKey, CompletableFuture<Prompt>> inFlight = new ConcurrentHashMap<>();
    private long bytes;
    private long hits;
    private long misses;
    private long diskLoads;
    private long syntheses;
    private long coalesced;
    private long evictions;

    private record MemoryKey(PromptKey prompt, String codec) {
    }

    /**
     * @param voices   chooses the engine (and so the key's engine and voice) for each request
     * @param dir      the disk cache directory, created when first written
     * @param maxBytes memory budget for encoded payloads
     */
    public PromptCache(Voices voices, Path dir, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive: " + maxBytes);
        }
        this.voices = voices;
        this.store = new PromptStore(dir);
        this.maxBytes = maxBytes;
    }

    /** The prompt for {@code request} encoded for {@code codec}. Blocks on a miss. */
    public EncodedPrompt get(SynthesisRequest request, PayloadType codec) {
        VoiceChoice choice = voices.choose(request.voice());
        PromptKey key = new PromptKey(choice.engine(), choice.engineVoice(), request.text(), request.rate());
        MemoryKey mk = new MemoryKey(key, codec.rtpmap());
        synchronized (this) {
            EncodedPrompt cached = memory.get(mk);
            if (cached != null) {
                hits++;
                return cached;
            }
            misses++;
        }
        EncodedPrompt encoded = encode(pcm(key, choice, request), codec);
        store(mk, encoded);
        return encoded;
    }

    /** {@link #get(SynthesisRequest, PayloadType)} on {@code pool}. */
    public Single<EncodedPrompt> get(SynthesisRequest request, PayloadType codec, SynthesisPool pool) {
        return pool.submit(() -> get(request, codec));
    }

    /**
     * Makes sure every request is cached for {@code codec}, e.g. when an IVR script is published, so the
     * first caller does not wait. Blocking; stops at the first request that cannot be synthesized.
     *
     * @return how many had to be synthesized
     */
    public int prerender(List<SynthesisRequest> requests, PayloadType codec) {
        long before = stats().syntheses();
        for (SynthesisRequest r : requests) {
            get(r, codec);
        }
        return (int) (stats().syntheses() - before);
    }

    public synchronized PromptCacheStats stats() {
        return new PromptCacheStats(hits, misses, diskLoads, syntheses, coalesced, evictions, memory.size(), bytes);
    }

    /** The disk cache directory. */
    public Path directory() {
        return store.dir();
    }

    /** The 8 kHz audio: from a lookup already running, from disk, or synthesized now (and stored). */
    private Prompt pcm(PromptKey key, VoiceChoice choice, SynthesisRequest request) {
        CompletableFuture<Prompt> mine = new CompletableFuture<>();
        CompletableFuture<Prompt> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            synchronized (this) {
                coalesced++;
            }
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Prompt prompt = store.read(key);
            if (prompt != null) {
                synchronized (this) {
                    diskLoads++;
                }
            } else {
                synchronized (this) {
                    syntheses++;
                }
                prompt = choice.synthesizer().synthesize(request).toPrompt();
                store.write(key, prompt);
            }
            mine.complete(prompt);
            return prompt;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static EncodedPrompt encode(Prompt prompt, PayloadType codec) {
        AudioCodec encoder;
        try {
            encoder = Codecs.forPayloadType(codec);
        } catch (IllegalArgumentException e) {
            throw new SynthesisException(SynthesisException.Reason.ENGINE_FAILURE, e.getMessage(), e);
        }
        try {
            return EncodedPrompt.encode(prompt, codec.rtpmap(), encoder);
        } finally {
            if (encoder instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot release the " + codec.rtpmap() + " encoder", e);
                }
            }
        }
    }

    private synchronized void store(MemoryKey key, EncodedPrompt prompt) {
        if (prompt.bytes() > maxBytes) {
            return;
        }
        EncodedPrompt previous = memory.put(key, prompt);
        bytes += prompt.bytes() - (previous == null ? 0 : previous.bytes());
        Iterator<EncodedPrompt> eldest = memory.values().iterator();
        while (bytes > maxBytes) {
            bytes -= eldest.next().bytes();
            eldest.remove();
            evictions++;
        }
    }

    @Override
    public String toString() {
        return "PromptCache" + stats();
    }
}
