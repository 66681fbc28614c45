package io.switchboard.routing.acd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queue's live statistics, as a plain value the admin API serialises to JSON. Counters run since the
 * engine started.
 *
 * <p>Service level is {@code answeredWithinSla / (answered + abandonedAfterSla)}: a customer who hung up
 * after the target counts against it, one who hung up sooner does not (the usual contact-center
 * definition). Abandon rate is {@code abandoned / (answered + abandoned)}. With nothing to count, the
 * service level is 100 and the abandon rate 0.
 *
 * @param waiting unanswered tasks (waiting, reserved for a sticky agent, or ringing)
 * @param longestWaitMillis the wait of the oldest unanswered task, 0 if none
 * @param agents qualifying agents by state key ({@code available}, {@code busy}, ...)
 */
public record QueueStats(String queue, int waiting, long longestWaitMillis, Map<String, Integer> agents,
                         long entered, long answered, long answeredWithinSla, long abandoned, long overflowed,
                         double serviceLevelPercent, double abandonPercent) {

    static QueueStats of(QueueRuntime q, long now) {
        long longest = q.unanswered.isEmpty() ? 0 : (now - q.unanswered.first().enqueuedNanos) / 1_000_000;
        Map<String, Integer> agents = new LinkedHashMap<>();
        for (AgentState s : AgentState.values()) {
            agents.put(s.key(), 0);
        }
        for (Agent a : q.members) {
            agents.merge(a.state().key(), 1, Integer::sum);
        }
        long slaBase = q.answered + q.abandonedAfterSla;
        long abandonBase = q.answered + q.abandoned;
        double sla = slaBase == 0 ? 100.0 : 100.0 * q.answeredInSla / slaBase;
        double abandon = abandonBase == 0 ? 0.0 : 100.0 * q.abandoned / abandonBase;
        return new QueueStats(q.id, q.waiting(), longest, Collections.unmodifiableMap(agents), q.entered, q.answered, q.answeredInSla,
                q.abandoned, q.overflowed, sla, abandon);
    }
}
