package io.switchboard.bench.routing;

import io.switchboard.routing.acd.AcdDirectory;
import io.switchboard.routing.acd.AcdEngine;
import io.switchboard.routing.acd.AcdEvent;
import io.switchboard.routing.acd.AgentConfig;
import io.switchboard.routing.acd.Outcome;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.Strategy;
import io.switchboard.routing.acd.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The benchmark's contact center: {@code agents} voice agents with four random skills each (levels
 * 1-5) out of {@code skills}; one queue per skill (the last tenth require a second skill at level 3, half
 * of them escalate priority with waiting time, strategies vary); every agent busy on one task and
 * {@code waiting} tasks spread over the queues with random priorities 0-3. Seeded, so every run builds
 * the same center.
 */
final class RoutingScenario {
    final InlineLane lane = new InlineLane();
    final AcdEngine engine;
    final String[] agentIds;
    final String[] taskOf;
    final Map<String, Integer> agentIndex = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private final int queueCount;
    private long nextTask;
    /** The last offer the engine made (the listener records it; the benchmark accepts it). */
    String offeredTask;
    String offeredAgent;
    String offeredQueue;

    /** Builds the center with every agent logged in and busy and {@code waiting} tasks queued. */
    RoutingScenario(int agents, int skills, int waiting) {
        this(agents, skills, true);
        addTasks(waiting + agents);
    }

    /** Builds the center with no tasks; agents logged in or not. */
    RoutingScenario(int agents, int skills, boolean login) {
        queueCount = skills;
        List<QueueConfig> queues = new ArrayList<>();
        Strategy[] strategies = {Strategy.LONGEST_IDLE, Strategy.LEAST_OCCUPIED, Strategy.ROUND_ROBIN,
            Strategy.SKILLS_BEST_MATCH};
        for (int q = 0; q < skills; q++) {
            Map<String, Integer> required = q >= skills * 9 / 10
                    ? Map.of(skill(q), 1, skill((q + 1) % skills), 3) : Map.of(skill(q), 1);
            queues.add(QueueConfig.builder(queue(q)).required(required).strategy(strategies[q % strategies.length])
                    .escalateEvery(q % 2 == 0 ? Duration.ofSeconds(30) : Duration.ZERO).wrapUp(Duration.ZERO).build());
        }
        List<AgentConfig> agentList = new ArrayList<>();
        agentIds = new String[agents];
        taskOf = new String[agents];
        for (int a = 0; a < agents; a++) {
            Map<String, Integer> levels = new HashMap<>();
            while (levels.size() < 4) {
                levels.put(skill(random.nextInt(skills)), 1 + random.nextInt(5));
            }
            agentIds[a] = "agent-" + a;
            agentIndex.put(agentIds[a], a);
            agentList.add(AgentConfig.voice(agentIds[a], levels, Integer.toString(10_000 + a)));
        }
        engine = new AcdEngine(new AcdDirectory(agentList, queues), lane);
        engine.subscribe(this::record);
        if (login) {
            for (String id : agentIds) {
                check(engine.login(id));
            }
        }
    }

    /** Enqueues {@code n} tasks into random queues; offers they get are accepted at once. */
    void addTasks(int n) {
        for (int i = 0; i < n; i++) {
            enqueue(queue(random.nextInt(queueCount)));
            if (offeredTask != null) {
                acceptLastOffer();
            }
        }
    }

    static String skill(int i) {
        return "skill-" + i;
    }

    static String queue(int i) {
        return "q-" + i;
    }

    void enqueue(String queue) {
        lane.advance(1_000);
        check(engine.enqueue(new TaskRequest("task-" + nextTask++, queue,
                io.switchboard.routing.acd.MediaType.VOICE, random.nextInt(4), Map.of(), null)));
    }

    void acceptLastOffer() {
        check(engine.accept(offeredTask, offeredAgent));
        taskOf[agentIndex.get(offeredAgent)] = offeredTask;
        offeredTask = null;
    }

    int waiting() {
        return engine.queueStats().stream().mapToInt(s -> s.waiting()).sum();
    }

    private void record(AcdEvent e) {
        if (e instanceof AcdEvent.TaskOffered o) {
            offeredTask = o.taskId();
            offeredAgent = o.agentId();
            offeredQueue = o.queue();
        }
    }

    static void check(Outcome o) {
        if (!o.ok()) {
            throw new IllegalStateException("benchmark command refused: " + o);
        }
    }
}
