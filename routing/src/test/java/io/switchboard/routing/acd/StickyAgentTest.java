package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static io.switchboard.routing.acd.AcdHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StickyAgentTest {
    private final QueueConfig queue = QueueConfig.builder("q").required(Map.of("s", 1)).wrapUp(Duration.ZERO)
            .stickyHeadStart(Duration.ofSeconds(10)).build();

    /** "b" has been idle longer than "a", so without stickiness "b" would get the call. */
    private AcdHarness twoAgents() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1"), agent("b", "s:1")), queue);
        h.login("b");
        h.advanceSeconds(1);
        h.login("a");
        return h;
    }

    private static TaskRequest returning(String id) {
        return TaskRequest.voice(id, "q").withPreferredAgent("a");
    }

    @Test
    void anAvailablePreferredAgentGetsTheTaskAtOnce() {
        AcdHarness h = twoAgents();
        ok(h.engine.enqueue(returning("t1")));
        assertThat(h.offeredTo("t1")).containsExactly("a");
    }

    @Test
    void aBusyPreferredAgentGetsAHeadStartAndTheTaskWhenFree() {
        AcdHarness h = twoAgents();
        h.enqueue("t0", "q");
        assertThat(h.offeredTo("t0")).containsExactly("b");
        ok(h.engine.enqueue(TaskRequest.voice("t1", "q")));
        ok(h.engine.accept("t1", "a"));
        ok(h.engine.enqueue(returning("t2")));
        ok(h.engine.reject("t0", "b"));
        assertThat(h.offeredTo("t2")).as("reserved for a even though b is free").isEmpty();
        assertThat(h.stats("q").waiting()).isEqualTo(2);
        h.advanceSeconds(5);
        ok(h.engine.complete("t1", "a"));
        assertThat(h.offeredTo("t2")).containsExactly("a");
    }

    @Test
    void afterTheHeadStartAnyAgentMayTakeIt() {
        AcdHarness h = twoAgents();
        h.enqueue("t1", "q");
        ok(h.engine.accept("t1", "b"));
        h.enqueue("t2", "q");
        ok(h.engine.accept("t2", "a"));
        ok(h.engine.enqueue(returning("t3")));
        h.advanceSeconds(3);
        ok(h.engine.complete("t1", "b"));
        assertThat(h.offeredTo("t3")).isEmpty();
        h.advanceSeconds(7);
        assertThat(h.offeredTo("t3")).containsExactly("b");
    }

    @Test
    void anOfflinePreferredAgentGivesNoHeadStart() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1"), agent("b", "s:1")), queue);
        h.login("b");
        ok(h.engine.enqueue(returning("t1")));
        assertThat(h.offeredTo("t1")).containsExactly("b");
    }

    @Test
    void loggingOutReleasesReservedTasks() {
        AcdHarness h = twoAgents();
        ok(h.engine.away("a", "lunch"));
        h.enqueue("t0", "q");
        ok(h.engine.accept("t0", "b"));
        ok(h.engine.enqueue(returning("t1")));
        ok(h.engine.complete("t0", "b"));
        assertThat(h.offeredTo("t1")).isEmpty();
        ok(h.engine.logout("a"));
        assertThat(h.offeredTo("t1")).containsExactly("b");
    }
}
