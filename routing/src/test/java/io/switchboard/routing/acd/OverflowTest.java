package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.AcdHarness.agent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverflowTest {

    @Test
    void maxWaitOverflowsIntoAnotherQueueWhereAnAgentAnswers() {
        QueueConfig zh = QueueConfig.builder("zh").required(Map.of("zh", 1)).maxWait(Duration.ofSeconds(30))
                .overflow("queue:en").build();
        QueueConfig en = QueueConfig.builder("en").required(Map.of("en", 1)).build();
        AcdHarness h = new AcdHarness(List.of(agent("a", "zh:3"), agent("b", "en:3")), zh, en);
        h.login("b");
        h.enqueue("t1", "zh");
        h.advanceSeconds(29.9);
        assertThat(h.events(AcdEvent.TaskOverflowed.class)).isEmpty();
        h.advanceSeconds(0.1);
        assertThat(h.events(AcdEvent.TaskOverflowed.class))
                .containsExactly(new AcdEvent.TaskOverflowed("t1", "zh", "queue:en", "max_wait"));
        assertThat(h.offeredTo("t1")).containsExactly("b");
        assertThat(h.stats("zh").overflowed()).isEqualTo(1);
        assertThat(h.stats("zh").waiting()).isZero();
        assertThat(h.stats("en").entered()).isEqualTo(1);
    }

    @Test
    void maxWaitCountsRingingTimeAndWithdrawsTheOffer() {
        QueueConfig q = QueueConfig.builder("q").maxWait(Duration.ofSeconds(10)).ringTimeout(Duration.ofSeconds(30))
                .overflow("flow:voicemail").build();
        AcdHarness h = new AcdHarness(List.of(agent("a", "")), q);
        h.login("a");
        h.enqueue("t1", "q");
        h.advanceSeconds(10);
        assertThat(h.events(AcdEvent.OfferWithdrawn.class)).containsExactly(new AcdEvent.OfferWithdrawn("t1", "q", "a"));
        assertThat(h.state("a")).isEqualTo("available");
        assertThat(h.lane.pendingTimers()).isZero();
    }

    @Test
    void maxSizeOverflowsNewTasksAtOnceToAnAppTarget() {
        QueueConfig q = QueueConfig.builder("q").maxSize(2).overflow("flow:voicemail").build();
        AcdHarness h = new AcdHarness(List.of(), q);
        h.enqueue("t1", "q");
        h.enqueue("t2", "q");
        h.enqueue("t3", "q");
        assertThat(h.events(AcdEvent.TaskOverflowed.class))
                .containsExactly(new AcdEvent.TaskOverflowed("t3", "q", "flow:voicemail", "max_size"));
        QueueStats s = h.stats("q");
        assertThat(s.waiting()).isEqualTo(2);
        assertThat(s.entered()).isEqualTo(3);
        assertThat(s.overflowed()).isEqualTo(1);
        assertThat(h.engine.cancel("t3")).isInstanceOf(Outcome.Refused.class);
    }
}
