package io.switchboard.core.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The virtual-time lane the state-machine tests run on. */
class VirtualLaneTest {
    private final Instant start = Instant.parse("2024-01-01T00:00:00Z");
    private final VirtualLane lane = new VirtualLane(start);
    private final List<String> log = new ArrayList<>();

    @Test
    void executeOnlyQueuesUntilRun() {
        lane.execute(() -> log.add("a"));
        lane.execute(() -> log.add("b"));
        assertThat(log).isEmpty();
        assertThat(lane.queuedTasks()).isEqualTo(2);
        lane.runAll();
        assertThat(log).containsExactly("a", "b");
        assertThat(lane.clock().instant()).isEqualTo(start);
    }

    @Test
    void timersFireInTimeOrderWithTheClockAtTheirDueTime() {
        lane.schedule(Duration.ofSeconds(3), () -> log.add("3s@" + lane.elapsed().toMillis()));
        lane.schedule(Duration.ofSeconds(1), () -> log.add("1s@" + lane.elapsed().toMillis()));
        lane.schedule(Duration.ofSeconds(1), () -> log.add("1s-second@" + lane.elapsed().toMillis()));
        lane.schedule(Duration.ofSeconds(2), () -> log.add("2s@" + lane.clock().instant()));
        lane.advance(Duration.ofMillis(2500));
        assertThat(log).containsExactly("1s@1000", "1s-second@1000", "2s@" + start.plusSeconds(2));
        assertThat(lane.elapsed()).isEqualTo(Duration.ofMillis(2500));
        assertThat(lane.pendingTimers()).isEqualTo(1);
        lane.advance(Duration.ofMillis(500));
        assertThat(log).last().isEqualTo("3s@3000");
    }

    @Test
    void cancelledTimersNeverFire() {
        Lane.TimerHandle h = lane.schedule(Duration.ofSeconds(1), () -> log.add("x"));
        h.cancel();
        h.cancel();
        lane.advance(Duration.ofSeconds(5));
        assertThat(log).isEmpty();
        assertThat(lane.pendingTimers()).isZero();
    }

    @Test
    void tasksAndTimersScheduledWhileRunningAreRunInTheSameCall() {
        lane.execute(() -> {
            log.add("task");
            lane.schedule(Duration.ZERO, () -> log.add("zero-timer"));
            lane.schedule(Duration.ofMillis(10), () -> {
                log.add("10ms");
                lane.execute(() -> log.add("queued-by-timer"));
            });
        });
        lane.advance(Duration.ofMillis(10));
        assertThat(log).containsExactly("task", "zero-timer", "10ms", "queued-by-timer");
    }

    @Test
    void inLaneOnlyWhileRunning() {
        assertThat(lane.inLane()).isFalse();
        lane.execute(() -> log.add("in=" + lane.inLane()));
        lane.schedule(Duration.ofMillis(1), () -> log.add("timer-in=" + lane.inLane()));
        lane.advance(Duration.ofMillis(1));
        assertThat(log).containsExactly("in=true", "timer-in=true");
        assertThat(lane.inLane()).isFalse();
    }

    @Test
    void runUntilIdleFollowsAChainOfTimersAndFireNextStepsOneAtATime() {
        lane.schedule(Duration.ofSeconds(1), () -> lane.schedule(Duration.ofSeconds(1), () -> log.add("end@" + lane.elapsed().toSeconds())));
        assertThat(lane.fireNext()).isTrue();
        assertThat(lane.elapsed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(log).isEmpty();
        lane.runUntilIdle();
        assertThat(log).containsExactly("end@2");
        assertThat(lane.fireNext()).isFalse();
    }

    @Test
    void timeDoesNotGoBack() {
        assertThatThrownBy(() -> lane.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
