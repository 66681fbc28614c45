package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void handsOutEvenPortsWithTheirOddPartnerInsideTheRange() {
        PortAllocator a = new PortAllocator(10001, 10010);
        assertThat(a.capacity()).isEqualTo(4); // 10002/3, 10004/5, 10006/7, 10008/9 (10010 has no 10011)
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            int p = a.allocate().getAsInt();
            assertThat(p % 2).isZero();
            assertThat(p).isBetween(10002, 10008);
            assertThat(seen.add(p)).isTrue();
        }
        assertThat(a.allocate()).isEqualTo(OptionalInt.empty());
        assertThat(a.freeCount()).isZero();
    }

    @Test
    void releasedPairsAreReusedLast() {
        PortAllocator a = new PortAllocator(20000, 20007);
        int first = a.allocate().getAsInt();
        a.release(first);
        assertThat(a.allocate().getAsInt()).isNotEqualTo(first);
    }

    @Test
    void tenThousandAllocateReleaseCyclesLeakNothing() {
        PortAllocator a = new PortAllocator(30000, 30199);
        int start = a.freeCount();
        Random random = new Random(1);
        ArrayDeque<Integer> held = new ArrayDeque<>();
        for (int i = 0; i < 10_000; i++) {
            OptionalInt p = a.allocate();
            assertThat(p).isPresent();
            held.add(p.getAsInt());
            while (held.size() > random.nextInt(60)) {
                a.release(random.nextBoolean() ? held.pollFirst() : held.pollLast());
            }
            assertThat(a.inUseCount()).isEqualTo(held.size());
        }
        held.forEach(a::release);
        assertThat(a.freeCount()).isEqualTo(start).isEqualTo(100);
        assertThat(a.inUseCount()).isZero();
    }

    @Test
    void misuseIsReported() {
        PortAllocator a = new PortAllocator(40000, 40009);
        int p = a.allocate().getAsInt();
        a.release(p);
        assertThatThrownBy(() -> a.release(p)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.release(40001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.release(50000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortAllocator(40000, 40000)).isInstanceOf(IllegalArgumentException.class);
    }
}
