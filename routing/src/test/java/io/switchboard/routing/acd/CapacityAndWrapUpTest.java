package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static io.switchboard.routing.acd.AcdHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityAndWrapUpTest {

    @Test
    void oneAgentHoldsOneVoiceCallAndThreeChats() {
        AgentConfig a = new AgentConfig("a", "A", Map.of("s", 1), List.of("1001"), Map.of(MediaType.VOICE, 1, MediaType.TEXT, 3));
        QueueConfig q = QueueConfig.builder("q").required(Map.of("s", 1)).wrapUp(Duration.ZERO).build();
        AcdHarness h = new AcdHarness(List.of(a), q);
        h.login("a");
        h.enqueue("v1", "q");
        h.enqueue("v2", "q");
        for (int i = 1; i <= 4; i++) {
            ok(h.engine.enqueue(TaskRequest.voice("c" + i, "q").withMedia(MediaType.TEXT)));
        }
        assertThat(h.offersOf("a")).containsExactly("v1", "c1", "c2", "c3");
        assertThat(h.events(AcdEvent.TaskOffered.class).get(0).extensions()).containsExactly("1001");
        ok(h.engine.accept("v1", "a"));
        ok(h.engine.accept("c1", "a"));
        assertThat(h.state("a")).isEqualTo("busy");
        assertThat(h.engine.agent("a").orElseThrow().activeTasks()).containsEntry("voice", 1).containsEntry("text", 1);
        ok(h.engine.complete("c1", "a"));
        assertThat(h.offersOf("a")).containsExactly("v1", "c1", "c2", "c3", "c4");
        ok(h.engine.complete("v1", "a"));
        assertThat(h.offersOf("a")).endsWith("v2");
    }

    @Test
    void wrapUpKeepsTheSlotClosedUntilItsTimerFires() {
        QueueConfig q = QueueConfig.builder("q").wrapUp(Duration.ofSeconds(10)).build();
        AcdHarness h = new AcdHarness(List.of(agent("a", "")), q);
        h.login("a");
        h.enqueue("t1", "q");
        ok(h.engine.accept("t1", "a"));
        ok(h.engine.complete("t1", "a"));
        assertThat(h.state("a")).isEqualTo("wrap_up");
        assertThat(h.events(AcdEvent.TaskCompleted.class)).containsExactly(new AcdEvent.TaskCompleted("t1", "q", "a", 10_000));
        h.advanceSeconds(1);
        h.enqueue("t2", "q");
        assertThat(h.offeredTo("t2")).isEmpty();
        h.advanceSeconds(8.9);
        assertThat(h.offeredTo("t2")).isEmpty();
        h.advanceSeconds(0.1);
        assertThat(h.offeredTo("t2")).containsExactly("a");
    }

    @Test
    void readyEndsWrapUpEarlyAndAwayWaitsForIt() {
        QueueConfig q = QueueConfig.builder("q").wrapUp(Duration.ofSeconds(30)).build();
        AcdHarness h = new AcdHarness(List.of(agent("a", "")), q);
        h.login("a");
        h.enqueue("t1", "q");
        ok(h.engine.accept("t1", "a"));
        ok(h.engine.away("a", "break"));
        assertThat(h.state("a")).as("away applies after the call").isEqualTo("busy");
        ok(h.engine.complete("t1", "a"));
        assertThat(h.state("a")).isEqualTo("wrap_up");
        h.advanceSeconds(30);
        assertThat(h.state("a")).isEqualTo("away");
        h.enqueue("t2", "q");
        ok(h.engine.ready("a"));
        ok(h.engine.accept("t2", "a"));
        ok(h.engine.complete("t2", "a"));
        ok(h.engine.ready("a"));
        assertThat(h.state("a")).isEqualTo("available");
        assertThat(h.lane.pendingTimers()).isZero();
    }
}
