package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static io.switchboard.routing.acd.AcdHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorityTest {

    private static QueueConfig.Builder queue(String id) {
        return QueueConfig.builder(id).required(Map.of("s", 1)).wrapUp(Duration.ZERO);
    }

    /** One agent busy on t0 while {@code later} (priority 2) arrives 30 s after {@code early} (priority 0). */
    private static AcdHarness busyAgentWithTwoWaiting(QueueConfig q) {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1")), q);
        h.login("a");
        h.enqueue("t0", "q");
        ok(h.engine.accept("t0", "a"));
        h.enqueue("early", "q");
        h.advanceSeconds(30);
        ok(h.engine.enqueue(TaskRequest.voice("later", "q").withPriority(2)));
        ok(h.engine.complete("t0", "a"));
        return h;
    }

    @Test
    void higherStaticPriorityIsAnsweredFirst() {
        AcdHarness h = busyAgentWithTwoWaiting(queue("q").build());
        assertThat(h.offersOf("a")).containsExactly("t0", "later");
    }

    @Test
    void waitingTimeEscalatesPriority() {
        AcdHarness h = busyAgentWithTwoWaiting(queue("q").escalateEvery(Duration.ofSeconds(10)).build());
        assertThat(h.offersOf("a")).as("early has gained 3 points in 30 s, later has 2").containsExactly("t0", "early");
    }

    @Test
    void escalationIsComparedAcrossQueuesAtDecisionTime() {
        QueueConfig escalating = queue("q1").escalateEvery(Duration.ofSeconds(10)).build();
        QueueConfig flat = queue("q2").build();
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1")), escalating, flat);
        h.login("a");
        h.enqueue("t0", "q2");
        ok(h.engine.accept("t0", "a"));
        h.enqueue("slow", "q1");
        ok(h.engine.enqueue(TaskRequest.voice("vip", "q2").withPriority(2)));
        h.advanceSeconds(15);
        ok(h.engine.complete("t0", "a"));
        assertThat(h.offersOf("a")).as("after 15 s the q1 task is at 1.5 < 2").containsExactly("t0", "vip");
        h.answerAndFinish("vip", "a", 10);
        assertThat(h.offersOf("a")).containsExactly("t0", "vip", "slow");
    }
}
