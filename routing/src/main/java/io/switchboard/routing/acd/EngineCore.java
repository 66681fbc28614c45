package io.switchboard.routing.acd;

import io.switchboard.core.lane.Lane;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state every engine mechanism shares, and the bookkeeping that keeps it consistent: the skill
 * index (agents are detached before and attached after every change, which also yields the
 * {@link AcdEvent.AgentStateChanged} events), task registration with its max-wait timer, and event
 * publication. The flows built on it live in {@link Dispatch}, {@link Endings} and {@link AgentFlow}; commands are validated in
 * {@link AcdEngine} before they reach either.
 */
final class EngineCore {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);

    final Lane lane;
    final InstantSource clock;
    final Map<String, Agent> agents = new LinkedHashMap<>();
    final Map<String, QueueRuntime> queues = new LinkedHashMap<>();
    final Map<String, Task> tasks = new HashMap<>();
    final AgentIndex index;
    final Matcher matcher;
    private final List<AcdEvent.Listener> listeners = new CopyOnWriteArrayList<>();
    private final long baseSecond;
    private long taskSeq;
    private int agentSeq;
    long offerSeq;

    EngineCore(Lane lane, InstantSource clock, AcdDirectory directory) {
        this.lane = lane;
        this.clock = clock;
        this.baseSecond = clock.instant().getEpochSecond();
        Set<AgentOrder> orders = EnumSet.noneOf(AgentOrder.class);
        boolean anySkill = false;
        for (QueueConfig q : directory.queues()) {
            queues.put(q.id(), new QueueRuntime(q));
            orders.add(q.strategy().order());
            anySkill |= q.required().isEmpty();
        }
        this.index = new AgentIndex(orders, anySkill);
        this.matcher = new Matcher(index);
        for (AgentConfig a : directory.agents()) {
            addAgent(a);
        }
    }

    Agent addAgent(AgentConfig config) {
        Agent a = new Agent(config, agentSeq++);
        agents.put(a.id, a);
        for (QueueRuntime q : queues.values()) {
            if (q.required.metBy(config)) {
                a.queues.add(q);
                q.members.add(a);
            }
        }
        return a;
    }

    /** Nanoseconds on the injected clock since the engine started. */
    long now() {
        Instant i = clock.instant();
        return (i.getEpochSecond() - baseSecond) * 1_000_000_000L + i.getNano();
    }

    /** Takes {@code a} out of the index before its keys change; returns its state for {@link #attach}. */
    AgentState detach(Agent a) {
        AgentState before = a.state();
        index.detach(a);
        return before;
    }

    /** Puts {@code a} back after a change and reports a change of its derived state. */
    void attach(Agent a, AgentState before) {
        index.attach(a);
        AgentState after = a.state();
        if (after != before) {
            publish(new AcdEvent.AgentStateChanged(a.id, before, after, after == AgentState.AWAY ? a.awayReason : null));
        }
    }

    /** Registers a new task in {@code q} (counted as entered); the caller arms max wait and places it. */
    Task register(TaskRequest request, QueueRuntime q) {
        Task t = new Task(request, taskSeq++, q, now());
        tasks.put(t.id, t);
        q.unanswered.add(t);
        q.entered++;
        publish(new AcdEvent.TaskQueued(t.id, q.id, t.media(), request.priority()));
        return t;
    }

    /** Forgets an unanswered task everywhere except its offers (see {@code Endings#end}). */
    void unregister(Task t) {
        t.maxWaitTimer.cancel();
        t.headStartTimer.cancel();
        if (t.phase == TaskPhase.RESERVED) {
            t.reservedFor.reserved.remove(t);
            t.reservedFor = null;
        } else if (t.phase == TaskPhase.WAITING) {
            t.line.remove(t);
        }
        tasks.remove(t.id);
        t.queue.unanswered.remove(t);
    }

    void subscribe(AcdEvent.Listener l) {
        listeners.add(l);
    }

    void unsubscribe(AcdEvent.Listener l) {
        listeners.remove(l);
    }

    void publish(AcdEvent e) {
        for (AcdEvent.Listener l : listeners) {
            try {
                l.on(e);
            } catch (RuntimeException ex) {
                LOG.warn("ACD listener failed on {}; the engine goes on", e, ex);
            }
        }
    }

    void publishStats(QueueRuntime q) {
        if (!listeners.isEmpty()) {
            publish(new AcdEvent.QueueStatsChanged(q.id, q.waiting()));
        }
    }

    static <T> List<T> copy(List<T> list) {
        return list.isEmpty() ? List.of() : new ArrayList<>(list);
    }
}
