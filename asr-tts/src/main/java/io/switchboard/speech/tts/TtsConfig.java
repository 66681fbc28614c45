package io.switchboard.speech.tts;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Speech synthesis settings with their defaults, for the composition root to bind (STYLE.md §8: one typed,
 * validated record per module, units in the values).
 *
 * @param cacheDir    where synthesized prompts are kept across restarts
 * @param cacheMemory bytes of encoded prompts kept in memory
 * @param poolThreads synthesis worker threads (0: one per core)
 * @param poolQueue   requests that may wait for a worker before new ones are refused
 */
public record TtsConfig(Path cacheDir, long cacheMemory, int poolThreads, int poolQueue) {
    public static final ConfigKey<String> CACHE_DIR = ConfigKey.string("tts.cache.dir", "data/tts-cache",
            "directory of synthesized prompts kept across restarts");
    public static final ConfigKey<Long> CACHE_MEMORY = new ConfigKey<>("tts.cache.memory", "64MB",
            "memory for encoded TTS prompts, e.g. 64MB", false, TtsConfig::parseBytes);
    public static final ConfigKey<Integer> POOL_THREADS = ConfigKey.integer("tts.pool.threads", 0, 0, 256,
            "speech synthesis threads; 0 means one per core");
    public static final ConfigKey<Integer> POOL_QUEUE = ConfigKey.integer("tts.pool.queue", 64, 1, 100_000,
            "synthesis requests that may wait; beyond that requests fail at once as busy");

    /** The defaults, as an operator who configured nothing gets them. */
    public static TtsConfig defaults() {
        return new TtsConfig(Path.of(CACHE_DIR.defaultText()), parseBytes(CACHE_MEMORY.defaultText()),
                0, Integer.parseInt(POOL_QUEUE.defaultText()));
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(CACHE_DIR, CACHE_MEMORY, POOL_THREADS, POOL_QUEUE);
    }

    public static TtsConfig from(Config config) {
        return new TtsConfig(Path.of(config.get(CACHE_DIR)), config.get(CACHE_MEMORY), config.get(POOL_THREADS),
                config.get(POOL_QUEUE));
    }

    /** Worker threads to start: {@link #poolThreads()} or the number of cores. */
    public int threads() {
        return poolThreads > 0 ? poolThreads : Runtime.getRuntime().availableProcessors();
    }

    /** {@code 512KB}, {@code 64MB}, {@code 1GB} (binary multiples) or a plain number of bytes. */
    static long parseBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(t);
            if (n > 0) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a positive size like 64MB, 512KB or 1GB");
    }
}
