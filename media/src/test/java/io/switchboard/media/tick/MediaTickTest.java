package io.switchboard.media.tick;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.lane.VirtualLane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTickTest {

    @Test
    void ticksEveryTwentyMillisecondsWhileSomethingIsRegistered() {
        VirtualLane lane = new VirtualLane();
        MediaTick tick = new MediaTick(lane);
        List<Long> times = new ArrayList<>();
        long start = lane.now().toEpochMilli();
        tick.add(() -> times.add(lane.now().toEpochMilli() - start));
        lane.advance(Duration.ofMillis(100));
        assertThat(times).containsExactly(20L, 40L, 60L, 80L, 100L);
    }

    @Test
    void aTickableThatReturnsFalseIsRemovedAndTheTickStops() {
        VirtualLane lane = new VirtualLane();
        MediaTick tick = new MediaTick(lane);
        int[] left = {3};
        tick.add(() -> --left[0] > 0);
        lane.advance(Duration.ofSeconds(1));
        assertThat(left[0]).isZero();
        assertThat(tick.ticks()).isEqualTo(3);
        assertThat(tick.size()).isZero();
    }

    @Test
    void aFailingTickableIsRemovedAndTheOthersGoOn() {
        VirtualLane lane = new VirtualLane();
        MediaTick tick = new MediaTick(lane);
        int[] good = {0};
        tick.add(() -> {
            throw new IllegalStateException("broken player");
        });
        tick.add(() -> ++good[0] > 0);
        lane.advance(Duration.ofMillis(60));
        assertThat(good[0]).isEqualTo(3);
        assertThat(tick.size()).isEqualTo(1);
    }

    @Test
    void addingAfterTheTickStoppedStartsItAgain() {
        VirtualLane lane = new VirtualLane();
        MediaTick tick = new MediaTick(lane);
        int[] n = {0};
        tick.add(() -> ++n[0] < 2);
        lane.advance(Duration.ofMillis(200));
        tick.add(() -> ++n[0] < 4);
        lane.advance(Duration.ofMillis(200));
        assertThat(n[0]).isEqualTo(4);
        assertThat(tick.ticks()).isEqualTo(4);
    }
}
