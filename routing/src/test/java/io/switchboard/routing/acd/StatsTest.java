package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static io.switchboard.routing.acd.AcdHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void serviceLevelAndAbandonRate() {
        QueueConfig q = QueueConfig.builder("q").slaTarget(Duration.ofSeconds(20)).wrapUp(Duration.ZERO).build();
        AcdHarness h = new AcdHarness(List.of(agent("a", ""), agent("b", "")), q);
        for (String t : List.of("t1", "t2", "t3", "t4")) {
            h.enqueue(t, "q");
        }
        h.advanceSeconds(5);
        QueueStats waiting = h.stats("q");
        assertThat(waiting.waiting()).isEqualTo(4);
        assertThat(waiting.longestWaitMillis()).isEqualTo(5_000);
        assertThat(waiting.agents()).containsEntry("offline", 2).containsEntry("available", 0);
        h.login("a");
        ok(h.engine.accept("t1", "a"));
        h.advanceSeconds(5);
        ok(h.engine.cancel("t3"));
        assertThat(h.events(AcdEvent.TaskAbandoned.class)).containsExactly(new AcdEvent.TaskAbandoned("t3", "q", 10_000));
        h.advanceSeconds(20);
        ok(h.engine.complete("t1", "a"));
        ok(h.engine.accept("t2", "a"));
        h.advanceSeconds(10);
        ok(h.engine.cancel("t4"));

        QueueStats s = h.stats("q");
        assertThat(s.entered()).isEqualTo(4);
        assertThat(s.answered()).isEqualTo(2);
        assertThat(s.answeredWithinSla()).isEqualTo(1);
        assertThat(s.abandoned()).isEqualTo(2);
        assertThat(s.waiting()).isZero();
        assertThat(s.longestWaitMillis()).isZero();
        assertThat(s.serviceLevelPercent()).as("1 in SLA of 2 answered + 1 abandoned after 20 s").isCloseTo(33.33, within(0.01));
        assertThat(s.abandonPercent()).isEqualTo(50.0);
        assertThat(s.agents()).containsEntry("busy", 1).containsEntry("offline", 1);
    }

    @Test
    void abandoningARingingTaskFreesTheAgent() {
        AcdHarness h = new AcdHarness(List.of(agent("a", "")), QueueConfig.builder("q").build());
        h.login("a");
        h.enqueue("t1", "q");
        h.enqueue("t2", "q");
        ok(h.engine.cancel("t1"));
        assertThat(h.events(AcdEvent.OfferWithdrawn.class)).containsExactly(new AcdEvent.OfferWithdrawn("t1", "q", "a"));
        assertThat(h.offersOf("a")).containsExactly("t1", "t2");
        assertThat(h.stats("q").abandonPercent()).isEqualTo(100.0);
    }

    @Test
    void statsChangesArePublished() {
        AcdHarness h = new AcdHarness(List.of(), QueueConfig.builder("q").build());
        h.enqueue("t1", "q");
        assertThat(h.events(AcdEvent.QueueStatsChanged.class)).containsExactly(new AcdEvent.QueueStatsChanged("q", 1));
        assertThat(h.engine.queueStats()).extracting(QueueStats::queue).containsExactly("q");
    }
}
