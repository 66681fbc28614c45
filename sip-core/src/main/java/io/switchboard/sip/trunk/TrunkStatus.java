package io.switchboard.sip.trunk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live state of one trunk, shared by every lane: reachability (OPTIONS keepalive), registration,
 * the channels in use and the call rate, with the limits of its {@link Trunk.Settings}. Thread-safe.
 */
public final class TrunkStatus {
    /** Registration states, as shown in {@code /health}. */
    public enum Registration { NONE, REGISTERING, REGISTERED, FAILED }

    private final Trunk trunk;
    private final AtomicInteger channels = new AtomicInteger();
    private final LongAdder refusedChannels = new LongAdder();
    private final LongAdder refusedRate = new LongAdder();
    private volatile boolean reachable = true;
    private volatile String reachability = "unknown";
    private volatile Registration registration = Registration.NONE;
    private volatile String registrationDetail = "";
    private volatile long registeredUntilMillis;
    private long windowStartMillis;
    private int windowCalls;

    TrunkStatus(Trunk trunk) {
        this.trunk = trunk;
        if (trunk.settings().register()) {
            registration = Registration.REGISTERING;
        }
    }

    public Trunk trunk() {
        return trunk;
    }

    /**
     * Takes a channel for a new call when the trunk is under its channel and call-rate limits; false
     * (and counted) otherwise. Every true must be matched by one {@link #release()}.
     */
    public boolean tryAcquire(long nowMillis) {
        int max = trunk.settings().maxChannels();
        int cps = trunk.settings().maxCps();
        if (cps > 0) {
            synchronized (this) {
                if (nowMillis - windowStartMillis >= 1000) {
                    windowStartMillis = nowMillis;
                    windowCalls = 0;
                }
                if (windowCalls >= cps) {
                    refusedRate.increment();
                    return false;
                }
                windowCalls++;
            }
        }
        if (max > 0) {
            while (true) {
                int n = channels.get();
                if (n >= max) {
                    refusedChannels.increment();
                    return false;
                }
                if (channels.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }
        channels.incrementAndGet();
        return true;
    }

    public void release() {
        channels.decrementAndGet();
    }

    public int channels() {
        return channels.get();
    }

    /**
     * True when calls may go out over this trunk: it answers OPTIONS (or is not probed), and a
     * registration trunk is registered.
     */
    public boolean usable() {
        return reachable && (!trunk.settings().register() || registration == Registration.REGISTERED);
    }

    public boolean reachable() {
        return reachable;
    }

    /** The keepalive's verdict: {@code detail} says why (the response, or the timeout). */
    public void reachable(boolean up, String detail) {
        this.reachable = up;
        this.reachability = (up ? "up" : "down") + " (" + detail + ")";
    }

    public Registration registration() {
        return registration;
    }

    public void registration(Registration state, String detail, long untilMillis) {
        this.registration = state;
        this.registrationDetail = detail;
        this.registeredUntilMillis = untilMillis;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", trunk.settings().register() ? "register" : "ip");
        m.put("usable", usable());
        m.put("keepalive", trunk.settings().keepalive().isZero() ? "off" : reachability);
        if (trunk.settings().register()) {
            m.put("registration", registration.name().toLowerCase(java.util.Locale.ROOT));
            m.put("registrationDetail", registrationDetail);
            m.put("registeredUntil", registeredUntilMillis == 0 ? "" : java.time.Instant.ofEpochMilli(registeredUntilMillis).toString());
        }
        m.put("channels", channels.get());
        m.put("maxChannels", trunk.settings().maxChannels());
        m.put("refusedOverChannels", refusedChannels.sum());
        m.put("refusedOverRate", refusedRate.sum());
        return m;
    }
}
