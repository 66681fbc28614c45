package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static io.switchboard.routing.acd.AcdHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CommandRefusalTest {
    private final AcdHarness h = new AcdHarness(List.of(agent("a", ""), agent("b", "")), QueueConfig.builder("q").build());

    private static Outcome.Refusal refusal(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused) o).refusal();
    }

    @Test
    void commandsThatDoNotFitAreRefusedAndChangeNothing() {
        h.login("a");
        assertThat(refusal(h.engine.login("a"))).isEqualTo(Outcome.Refusal.INVALID_STATE);
        assertThat(((Outcome.Refused) h.engine.login("a")).message()).isEqualTo("agent a cannot log in while available");
        assertThat(refusal(h.engine.away("b", "x"))).isEqualTo(Outcome.Refusal.INVALID_STATE);
        assertThat(refusal(h.engine.login("nobody"))).isEqualTo(Outcome.Refusal.UNKNOWN_AGENT);
        assertThat(refusal(h.engine.enqueue(TaskRequest.voice("t", "nowhere")))).isEqualTo(Outcome.Refusal.UNKNOWN_QUEUE);
        h.enqueue("t1", "q");
        assertThat(refusal(h.engine.enqueue(TaskRequest.voice("t1", "q")))).isEqualTo(Outcome.Refusal.DUPLICATE_TASK);
        assertThat(refusal(h.engine.accept("t1", "b"))).isEqualTo(Outcome.Refusal.NOT_OFFERED);
        assertThat(refusal(h.engine.complete("t1", "a"))).isEqualTo(Outcome.Refusal.NOT_ASSIGNED);
        assertThat(refusal(h.engine.accept("t9", "a"))).isEqualTo(Outcome.Refusal.UNKNOWN_TASK);
        ok(h.engine.accept("t1", "a"));
        assertThat(refusal(h.engine.accept("t1", "a"))).isEqualTo(Outcome.Refusal.NOT_OFFERED);
        assertThat(refusal(h.engine.cancel("t1"))).isEqualTo(Outcome.Refusal.ALREADY_ANSWERED);
        assertThat(refusal(h.engine.logout("a"))).isEqualTo(Outcome.Refusal.HAS_TASKS);
        assertThat(refusal(h.engine.addAgent(agent("a", "")))).isEqualTo(Outcome.Refusal.DUPLICATE_AGENT);
        ok(h.engine.complete("t1", "a"));
        assertThat(refusal(h.engine.complete("t1", "a"))).isEqualTo(Outcome.Refusal.UNKNOWN_TASK);
        ok(h.engine.logout("a"));
        assertThat(h.state("a")).isEqualTo("offline");
    }

    @Test
    void goingAwayWhileRingingPassesTheTaskOn() {
        h.login("a", "b");
        h.enqueue("t1", "q");
        ok(h.engine.away("a", "lunch"));
        assertThat(h.offeredTo("t1")).containsExactly("a", "b");
        assertThat(h.engine.agent("a").orElseThrow().awayReason()).isEqualTo("lunch");
    }

    @Test
    void callRunsACommandOnTheLane() {
        h.login("a");
        CompletableFuture<Outcome> done = h.engine.call(e -> e.enqueue(TaskRequest.voice("t1", "q"))).toCompletableFuture();
        assertThat(done).isNotDone();
        h.lane.runAll();
        assertThat(done).isCompletedWithValue(Outcome.OK);
        assertThat(h.offeredTo("t1")).containsExactly("a");
    }

    @Test
    void aFailingListenerDoesNotStopTheEngine() {
        h.engine.subscribe(e -> {
            throw new IllegalStateException("dashboard down");
        });
        h.login("a");
        h.enqueue("t1", "q");
        assertThat(h.offeredTo("t1")).containsExactly("a");
    }
}
