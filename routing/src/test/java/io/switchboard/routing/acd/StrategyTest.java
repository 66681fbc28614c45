package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static io.switchboard.routing.acd.AcdHarness.ok;
import static io.switchboard.routing.acd.AcdHarness.skills;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyTest {

    private static QueueConfig queue(Strategy s) {
        return QueueConfig.builder("q").required(Map.of("s", 1)).strategy(s).wrapUp(Duration.ZERO).build();
    }

    @Test
    void longestIdleOffersToTheAgentFreeTheLongest() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1"), agent("b", "s:1"), agent("c", "s:1")),
                queue(Strategy.LONGEST_IDLE));
        h.login("c");
        h.advanceSeconds(1);
        h.login("a", "b");
        h.enqueue("t1", "q");
        assertThat(h.offeredTo("t1")).containsExactly("c");
        h.answerAndFinish("t1", "c", 5);
        h.enqueue("t2", "q");
        assertThat(h.offeredTo("t2")).containsExactly("a");
        h.answerAndFinish("t2", "a", 5);
        h.enqueue("t3", "q");
        assertThat(h.offeredTo("t3")).as("b idle since login, c since t1 ended").containsExactly("b");
    }

    @Test
    void leastOccupiedSpreadsTextAcrossAgents() {
        AgentConfig a = new AgentConfig("a", "A", skills("s:1"), List.of(), Map.of(MediaType.TEXT, 3));
        AgentConfig b = new AgentConfig("b", "B", skills("s:1"), List.of(), Map.of(MediaType.TEXT, 3));
        AcdHarness h = new AcdHarness(List.of(a, b), queue(Strategy.LEAST_OCCUPIED));
        h.login("a", "b");
        for (int i = 1; i <= 4; i++) {
            ok(h.engine.enqueue(TaskRequest.voice("t" + i, "q").withMedia(MediaType.TEXT)));
        }
        assertThat(h.offersOf("a")).containsExactly("t1", "t3");
        assertThat(h.offersOf("b")).containsExactly("t2", "t4");
    }

    @Test
    void longestIdleKeepsFillingTheSameTextAgent() {
        AgentConfig a = new AgentConfig("a", "A", skills("s:1"), List.of(), Map.of(MediaType.TEXT, 3));
        AgentConfig b = new AgentConfig("b", "B", skills("s:1"), List.of(), Map.of(MediaType.TEXT, 3));
        AcdHarness h = new AcdHarness(List.of(a, b), queue(Strategy.LONGEST_IDLE));
        h.login("a", "b");
        for (int i = 1; i <= 4; i++) {
            ok(h.engine.enqueue(TaskRequest.voice("t" + i, "q").withMedia(MediaType.TEXT)));
        }
        assertThat(h.offersOf("a")).containsExactly("t1", "t2", "t3");
        assertThat(h.offersOf("b")).containsExactly("t4");
    }

    @Test
    void skillsBestMatchPicksTheHighestLevelsIncludingPreferredSkills() {
        QueueConfig q = QueueConfig.builder("q").required(Map.of("billing", 1)).preferred(Map.of("en", 1))
                .strategy(Strategy.SKILLS_BEST_MATCH).build();
        AcdHarness h = new AcdHarness(List.of(agent("a", "billing:2"), agent("b", "billing:5"),
                agent("c", "billing:3,en:4"), agent("d", "en:9")), q);
        h.login("a", "b", "c", "d");
        h.enqueue("t1", "q");
        assertThat(h.offeredTo("t1")).containsExactly("c");
        h.enqueue("t2", "q");
        assertThat(h.offeredTo("t2")).containsExactly("b");
    }

    @Test
    void roundRobinRotatesThroughTheTeam() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1"), agent("b", "s:1"), agent("c", "s:1")),
                queue(Strategy.ROUND_ROBIN));
        h.login("c");
        h.advanceSeconds(1);
        h.login("a", "b");
        for (int i = 1; i <= 4; i++) {
            h.enqueue("t" + i, "q");
            String agent = h.offeredTo("t" + i).get(0);
            h.answerAndFinish("t" + i, agent, 1);
        }
        assertThat(List.of("t1", "t2", "t3", "t4")).extracting(t -> h.offeredTo(t).get(0))
                .containsExactly("a", "b", "c", "a");
    }

    @Test
    void ringAllOffersToEveryoneAndTheFirstAcceptWins() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "s:1"), agent("b", "s:1"), agent("c", "s:1"),
                agent("x", "other:1")), queue(Strategy.RING_ALL));
        h.login("a", "b", "c", "x");
        h.enqueue("t1", "q");
        assertThat(h.offeredTo("t1")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(h.state("a")).isEqualTo("busy");
        ok(h.engine.accept("t1", "b"));
        assertThat(h.events(AcdEvent.OfferWithdrawn.class)).extracting(AcdEvent.OfferWithdrawn::agentId)
                .containsExactlyInAnyOrder("a", "c");
        assertThat(h.engine.accept("t1", "a")).isInstanceOf(Outcome.Refused.class);
        assertThat(h.state("a")).isEqualTo("available");
        assertThat(h.state("b")).isEqualTo("busy");
        h.enqueue("t2", "q");
        assertThat(h.offeredTo("t2")).containsExactlyInAnyOrder("a", "c");
    }
}
