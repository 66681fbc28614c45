package io.switchboard.speech.tts.cache;

/**
 * Counters of a {@link PromptCache} at one moment.
 *
 * @param hits       lookups served from memory
 * @param misses     lookups not in memory (served from disk or synthesized)
 * @param diskLoads  misses served from the disk cache
 * @param syntheses  misses that ran the engine (the expensive part: a prompt played a million times should
 *                   count one)
 * @param coalesced  misses that waited for another thread already loading or synthesizing the same prompt
 * @param evictions  entries dropped from memory to stay within the byte budget
 * @param entries    encoded prompts held in memory
 * @param bytes      encoded payload bytes held in memory
 */
public record PromptCacheStats(long hits, long misses, long diskLoads, long syntheses, long coalesced,
                               long evictions, int entries, long bytes) {
}
