package io.switchboard.sip.policy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-source protection applied before any parsing work is queued: a token-bucket request rate
 * limit per address (exempt blocks excluded) and a temporary ban after repeated failed digest
 * authentications (like fail2ban/pike, but in-process). Tables are bounded so a flood from many
 * addresses cannot exhaust memory. Thread-safe; called from the network threads.
 */
public final class AbusePolicy {
    private static final Logger log = LoggerFactory.getLogger(AbusePolicy.class);
    private static final int MAX_TRACKED = 100_000;

    private final int rate;
    private final int burst;
    private final int failuresBeforeBan;
    private final Duration banTime;
    private final List<Cidr> exempt;
    private final InstantSource clock;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> failures = new ConcurrentHashMap<>();
    private final Map<InetAddress, Long> bannedUntil = new ConcurrentHashMap<>();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder bannedDrops = new LongAdder();
    private final LongAdder nonTrunkCalls = new LongAdder();
    private volatile TollFraudGuard tollFraud = new TollFraudGuard(0, Duration.ofMinutes(1), Duration.ofMinutes(30), InstantSource.system());

    public AbusePolicy(int rate, int burst, int failuresBeforeBan, Duration banTime, List<String> exempt, InstantSource clock) {
        this.rate = rate;
        this.burst = burst;
        this.failuresBeforeBan = failuresBeforeBan;
        this.banTime = banTime;
        this.exempt = exempt.stream().map(Cidr::parse).toList();
        this.clock = clock;
    }

    /** Whether a message from {@code source} may be processed. */
    public boolean admit(InetAddress source) {
        if (!bannedUntil.isEmpty()) {
            Long until = bannedUntil.get(source);
            if (until != null) {
                if (clock.millis() < until) {
                    bannedDrops.increment();
                    return false;
                }
                bannedUntil.remove(source, until);
                log.info("ban lifted for {}", source.getHostAddress());
            }
        }
        if (isExempt(source)) {
            return true;
        }
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        Bucket b = buckets.computeIfAbsent(source, k -> new Bucket(burst, clock.millis()));
        boolean ok = b.take(rate, burst, clock.millis());
        if (!ok) {
            rateLimited.increment();
        }
        return ok;
    }

    /** Counts a failed authentication; bans the source when it reaches the limit. */
    public void authFailed(InetAddress source, String user, String reason) {
        if (failures.size() > MAX_TRACKED) {
            failures.clear();
        }
        int n = failures.merge(source, 1, Integer::sum);
        if (n >= failuresBeforeBan) {
            failures.remove(source);
            bannedUntil.put(source, clock.millis() + banTime.toMillis());
            log.warn("banned {} for {}s after {} failed authentications (last: user {}, {})",
                    source.getHostAddress(), banTime.toSeconds(), n, user, reason);
        }
    }

    public void authSucceeded(InetAddress source) {
        if (!failures.isEmpty()) {
            failures.remove(source);
        }
    }

    public boolean isBanned(InetAddress source) {
        Long until = bannedUntil.get(source);
        return until != null && clock.millis() < until;
    }

    private boolean isExempt(InetAddress a) {
        for (Cidr c : exempt) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** Installs the toll-fraud guard (off until then). */
    public void tollFraud(TollFraudGuard guard) {
        this.tollFraud = guard;
    }

    public TollFraudGuard tollFraud() {
        return tollFraud;
    }

    /** Counts an INVITE to one of our numbers from an address that is neither a trunk nor a phone (refused 403). */
    public void countNonTrunkCall() {
        nonTrunkCalls.increment();
    }

    public Map<String, Object> snapshot() {
        return Map.of("rateLimited", rateLimited.sum(), "bannedDrops", bannedDrops.sum(), "banned", bannedUntil.size(),
                "nonTrunkCalls", nonTrunkCalls.sum(), "tollFraudBlocks", tollFraud.blocks(), "tollFraudBlocked", tollFraud.blocked());
    }

    /** A token bucket refilled at {@code rate} tokens per second. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.last = now;
        }

        synchronized boolean take(int rate, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) * rate / 1000.0);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
