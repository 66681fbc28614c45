package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static io.switchboard.routing.acd.AcdHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferTimeoutTest {
    private final QueueConfig queue = QueueConfig.builder("q").required(Map.of("s", 1))
            .ringTimeout(Duration.ofSeconds(15)).maxMisses(2).wrapUp(Duration.ZERO).build();

    @Test
    void aRingTimeoutRetriesWithTheNextAgent() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1"), agent("b", "s:1")), queue);
        h.login("a", "b");
        h.enqueue("t1", "q");
        h.advanceSeconds(15);
        assertThat(h.events(AcdEvent.OfferTimedOut.class)).containsExactly(new AcdEvent.OfferTimedOut("t1", "q", "a", 1));
        assertThat(h.offeredTo("t1")).containsExactly("a", "b");
        ok(h.engine.accept("t1", "b"));
        assertThat(h.engine.agent("a").orElseThrow().consecutiveMisses()).isEqualTo(1);
    }

    @Test
    void aRejectRetriesWithTheNextAgentWithoutCountingAMiss() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1"), agent("b", "s:1")), queue);
        h.login("a", "b");
        h.enqueue("t1", "q");
        ok(h.engine.reject("t1", "a"));
        assertThat(h.offeredTo("t1")).containsExactly("a", "b");
        assertThat(h.events(AcdEvent.TaskRejected.class)).containsExactly(new AcdEvent.TaskRejected("t1", "q", "a"));
        assertThat(h.engine.agent("a").orElseThrow().consecutiveMisses()).isZero();
        ok(h.engine.reject("t1", "b"));
        assertThat(h.offeredTo("t1")).as("nobody left who has not declined").hasSize(2);
        assertThat(h.stats("q").waiting()).isEqualTo(1);
    }

    @Test
    void consecutiveMissesSendTheAgentAwayAsMissed() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1")), queue);
        h.login("a");
        h.enqueue("t1", "q");
        h.advanceSeconds(15);
        h.enqueue("t2", "q");
        assertThat(h.offeredTo("t2")).containsExactly("a");
        h.advanceSeconds(15);
        assertThat(h.state("a")).isEqualTo("away");
        assertThat(h.engine.agent("a").orElseThrow().awayReason()).isEqualTo("missed");
        assertThat(h.events(AcdEvent.AgentStateChanged.class)).last()
                .isEqualTo(new AcdEvent.AgentStateChanged("a", AgentState.BUSY, AgentState.AWAY, "missed"));
        assertThat(h.stats("q").waiting()).isEqualTo(2);
        ok(h.engine.ready("a"));
        assertThat(h.engine.agent("a").orElseThrow().consecutiveMisses()).isZero();
        assertThat(h.offersOf("a")).as("t1 and t2 were missed by a: a new task only").containsExactly("t1", "t2");
        h.enqueue("t3", "q");
        assertThat(h.offersOf("a")).containsExactly("t1", "t2", "t3");
    }

    @Test
    void anAcceptResetsTheMissCount() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1")), queue);
        h.login("a");
        h.enqueue("t1", "q");
        h.advanceSeconds(15);
        h.enqueue("t2", "q");
        h.answerAndFinish("t2", "a", 1);
        h.enqueue("t3", "q");
        h.advanceSeconds(15);
        assertThat(h.state("a")).isEqualTo("available");
        assertThat(h.engine.agent("a").orElseThrow().consecutiveMisses()).isEqualTo(1);
    }
}
