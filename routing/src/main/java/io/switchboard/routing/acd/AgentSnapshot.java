package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's live state as a plain value for the admin API and dashboards.
 *
 * @param state the derived state key ({@code offline}, {@code available}, {@code busy}, {@code wrap_up}, {@code away})
 * @param awayReason why the agent is away ({@code missed} after too many unanswered offers), or null
 * @param activeTasks connected tasks per media key
 * @param ringingTasks offers not yet answered per media key
 * @param wrapUpSlots slots in wrap-up per media key
 * @param consecutiveMisses offers that rang out in a row
 * @param queues the queues whose required skills the agent meets
 */
public record AgentSnapshot(String id, String name, String state, String awayReason, Map<String, Integer> skills,
                            List<String> extensions, Map<String, Integer> capacity, Map<String, Integer> activeTasks,
                            Map<String, Integer> ringingTasks, Map<String, Integer> wrapUpSlots, int consecutiveMisses,
                            List<String> queues) {

    static AgentSnapshot of(Agent a) {
        Map<String, Integer> capacity = new LinkedHashMap<>();
        Map<String, Integer> active = new LinkedHashMap<>();
        Map<String, Integer> ringing = new LinkedHashMap<>();
        Map<String, Integer> wrap = new LinkedHashMap<>();
        for (MediaType m : MediaType.values()) {
            int i = m.ordinal();
            capacity.put(m.key(), a.capacity[i]);
            active.put(m.key(), a.active[i]);
            ringing.put(m.key(), a.offered[i]);
            wrap.put(m.key(), a.wrapping[i]);
        }
        List<String> queues = new ArrayList<>();
        a.queues.forEach(q -> queues.add(q.id));
        return new AgentSnapshot(a.id, a.config.name(), a.state().key(), a.awayReason, a.config.skills(),
                a.config.extensions(), Collections.unmodifiableMap(capacity), Collections.unmodifiableMap(active), Collections.unmodifiableMap(ringing), Collections.unmodifiableMap(wrap),
                a.misses, List.copyOf(queues));
    }
}
