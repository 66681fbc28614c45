package io.switchboard.routing.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.lane.VirtualLane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An engine on a virtual lane with every event recorded, and short-hands for the engine tests. */
final class AcdHarness {
    final VirtualLane lane = new VirtualLane();
    final AcdEngine engine;
    final List<AcdEvent> events = new ArrayList<>();

    AcdHarness(List<AgentConfig> agents, QueueConfig... queues) {
        engine = new AcdEngine(new AcdDirectory(agents, List.of(queues)), lane);
        engine.subscribe(events::add);
    }

    /** A voice agent with skills written {@code "zh:5,en:3"}. */
    static AgentConfig agent(String id, String skills) {
        return AgentConfig.voice(id, skills(skills), "ext-" + id);
    }

    static Map<String, Integer> skills(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                String[] kv = item.split(":");
                out.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            }
        }
        return out;
    }

    static void ok(Outcome o) {
        assertThat(o).isEqualTo(Outcome.OK);
    }

    void login(String... agents) {
        for (String a : agents) {
            ok(engine.login(a));
        }
    }

    void enqueue(String task, String queue) {
        ok(engine.enqueue(TaskRequest.voice(task, queue)));
    }

    void advanceSeconds(double s) {
        lane.advance(Duration.ofMillis(Math.round(s * 1000)));
    }

    <T extends AcdEvent> List<T> events(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (AcdEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The agents {@code task} was offered to, in order. */
    List<String> offeredTo(String task) {
        return events(AcdEvent.TaskOffered.class).stream().filter(o -> o.taskId().equals(task))
                .map(AcdEvent.TaskOffered::agentId).toList();
    }

    /** The tasks offered to {@code agent}, in order. */
    List<String> offersOf(String agent) {
        return events(AcdEvent.TaskOffered.class).stream().filter(o -> o.agentId().equals(agent))
                .map(AcdEvent.TaskOffered::taskId).toList();
    }

    /** Accepts and, after {@code talkSeconds}, completes with no wrap-up. */
    void answerAndFinish(String task, String agent, double talkSeconds) {
        ok(engine.accept(task, agent));
        advanceSeconds(talkSeconds);
        ok(engine.complete(task, agent, Duration.ZERO));
    }

    String state(String agent) {
        return engine.agent(agent).orElseThrow().state();
    }

    QueueStats stats(String queue) {
        return engine.queueStats(queue).orElseThrow();
    }
}
