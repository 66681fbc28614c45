package io.switchboard.channels.bridge;

import io.switchboard.channels.spi.ReplyLimit;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what we sent since each user's last message, so the bridge refuses a send the platform would refuse
 * (WeChat: 5 customer-service messages within 48 h). A conversation unknown here (e.g. after a restart) is
 * allowed: the platform remains the final judge.
 */
final class ReplyWindow {
    private record State(Instant lastInbound, int sent) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    void inbound(String key, Instant at) {
        states.put(key, new State(at, 0));
    }

    /** True and counted when one more message fits {@code limit} at {@code now}. */
    boolean tryAcquire(String key, ReplyLimit limit, Instant now) {
        if (limit.messages() == Integer.MAX_VALUE) {
            return true;
        }
        boolean[] ok = {true};
        states.computeIfPresent(key, (k, s) -> {
            if (now.isAfter(s.lastInbound().plus(limit.window())) || s.sent() >= limit.messages()) {
                ok[0] = false;
                return s;
            }
            return new State(s.lastInbound(), s.sent() + 1);
        });
        return ok[0];
    }

    void forget(String key) {
        states.remove(key);
    }
}
