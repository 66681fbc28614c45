package io.switchboard.sip.policy;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks an extension's outbound calls after a burst of refused attempts (international or premium
 * numbers it may not call, unroutable numbers): the pattern of a phone whose password leaked being
 * used to probe for a paying route. The block lasts {@code blockTime}; it is logged as an {@code ALERT}
 * at ERROR level so monitoring picks it up. Thread-safe.
 */
public final class TollFraudGuard {
    private static final Logger log = LoggerFactory.getLogger(TollFraudGuard.class);
    private static final int MAX_TRACKED = 100_000;

    private final int failures;
    private final Duration window;
    private final Duration blockTime;
    private final InstantSource clock;
    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();
    private final LongAdder blocks = new LongAdder();

    /**
     * @param failures  refused attempts within {@code window} that trigger a block (0 disables the guard)
     * @param window    the sliding window
     * @param blockTime how long the extension may not call out
     */
    public TollFraudGuard(int failures, Duration window, Duration blockTime, InstantSource clock) {
        this.failures = failures;
        this.window = window;
        this.blockTime = blockTime;
        this.clock = clock;
    }

    /** True when {@code extension} may not call out now. */
    public boolean isBlocked(String extension) {
        Long until = blockedUntil.get(extension);
        if (until == null) {
            return false;
        }
        if (clock.millis() < until) {
            return true;
        }
        blockedUntil.remove(extension, until);
        log.info("toll-fraud guard: outbound calls of extension {} allowed again", extension);
        return false;
    }

    /** Counts a refused outbound attempt by {@code extension} from {@code source}; may start a block. */
    public void refused(String extension, String source, String dialled, int status) {
        if (failures <= 0) {
            return;
        }
        if (recent.size() > MAX_TRACKED) {
            recent.clear();
        }
        long now = clock.millis();
        Deque<Long> times = recent.computeIfAbsent(extension, k -> new ArrayDeque<>());
        int count;
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && now - times.peekFirst() > window.toMillis()) {
                times.removeFirst();
            }
            count = times.size();
            if (count >= failures) {
                times.clear();
            }
        }
        if (count >= failures) {
            blockedUntil.put(extension, now + blockTime.toMillis());
            blocks.increment();
            log.error("ALERT toll-fraud guard: extension {} blocked from calling out for {} s after {} refused outbound attempts "
                    + "within {} s (last: {} to '{}' from {})", extension, blockTime.toSeconds(), count, window.toSeconds(), status,
                    dialled, source);
        }
    }

    /** Blocks started so far. */
    public long blocks() {
        return blocks.sum();
    }

    public int blocked() {
        return blockedUntil.size();
    }
}
