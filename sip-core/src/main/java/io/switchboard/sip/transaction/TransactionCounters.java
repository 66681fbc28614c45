package io.switchboard.sip.transaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by the transaction layers of all lanes. */
public final class TransactionCounters {
    final AtomicInteger open = new AtomicInteger();
    final LongAdder retransmissionsAbsorbed = new LongAdder();
    final LongAdder retransmissionsSent = new LongAdder();
    final LongAdder unhandledEvents = new LongAdder();
    final LongAdder merged = new LongAdder();
    final LongAdder overloaded = new LongAdder();
    final LongAdder strayResponses = new LongAdder();

    public int open() {
        return open.get();
    }

    public long unhandledEvents() {
        return unhandledEvents.sum();
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", open.get());
        m.put("retransmissionsAbsorbed", retransmissionsAbsorbed.sum());
        m.put("retransmissionsSent", retransmissionsSent.sum());
        m.put("merged482", merged.sum());
        m.put("overload503", overloaded.sum());
        m.put("strayResponses", strayResponses.sum());
        m.put("unhandledEvents", unhandledEvents.sum());
        return m;
    }
}
