package io.switchboard.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.jitter.Playout.Kind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Generated packet patterns in virtual time: the sender emits frame {@code i} at {@code i·20 ms}, the
 * network delivers it after a delay chosen per packet, and the receiver ticks at {@code k·20 ms + 10 ms},
 * pushing what has arrived by then and popping once.
 */
class JitterBufferTest {
    private static final long MS = 1_000_000L;
    private static final int NB = 160;
    private static final long SSRC = 0x1234_5678L;

    @Test
    void inOrderPacketsPlayInOrderWithoutLoss() {
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        List<Playout> out = run(jb, stream(100, NB, 1000, 50_000, i -> 5), 100);
        assertThat(frameIndexes(out)).containsExactlyElementsOf(range(0, 100));
        assertThat(kinds(out)).containsOnly(Kind.FRAME);
        assertThat(jb.targetDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(jb.counters()).isEqualTo(new JitterCounters(100, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void initialFillReportsFillingUntilTheTargetDepthIsQueued() {
        JitterBuffer jb = new JitterBuffer(
                new JitterBufferConfig(NB, Duration.ofMillis(60), Duration.ofMillis(200), 32));
        List<Playout> out = run(jb, stream(20, NB, 0, 0, i -> 5), 20);
        assertThat(kinds(out).subList(0, 2)).containsOnly(Kind.FILLING);
        assertThat(out.get(2).kind()).isEqualTo(Kind.FRAME);
        assertThat(frameIndexes(out)).containsExactlyElementsOf(range(0, 18));
        assertThat(jb.pop().kind()).isEqualTo(Kind.FRAME);
    }

    @Test
    void reorderedPacketsComeOutInTimestampOrder() {
        // Every odd packet overtakes its even predecessor.
        JitterBuffer jb = new JitterBuffer(
                new JitterBufferConfig(NB, Duration.ofMillis(60), Duration.ofMillis(200), 32));
        List<Playout> out = run(jb, stream(100, NB, 7, 99, i -> i % 2 == 0 ? 30 : 5), 120);
        assertThat(frameIndexes(out)).containsExactlyElementsOf(range(0, 100));
        assertThat(jb.counters().late()).isZero();
    }

    @Test
    void reorderingAdaptsTheDefaultBufferAndKeepsOrder() {
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        List<Playout> out = run(jb, stream(200, NB, 7, 99, i -> i % 2 == 0 ? 30 : 5), 210);
        List<Integer> played = frameIndexes(out);
        assertThat(played).isSorted().doesNotHaveDuplicates();
        assertThat(jb.targetDelay()).isGreaterThan(Duration.ofMillis(20));
        assertThat(played).as("no loss once adapted").containsAll(range(20, 200));
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        List<Sent> packets = new ArrayList<>(stream(50, NB, 500, 0, i -> 5));
        packets.addAll(stream(50, NB, 500, 0, i -> 8));        // every packet again, 3 ms later
        packets.addAll(stream(5, NB, 500, 0, i -> 300));        // and a few long after they played
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        List<Playout> out = run(jb, packets, 50);
        assertThat(frameIndexes(out)).containsExactlyElementsOf(range(0, 50));
        assertThat(jb.counters().duplicates()).isEqualTo(55);
        assertThat(jb.counters().late()).isZero();
    }

    @Test
    void lostPacketsBecomeLossTicksInTheirPlace() {
        Set<Integer> dropped = Set.of(10, 11, 30);
        List<Sent> packets = new ArrayList<>(stream(50, NB, 0, 0, i -> 5));
        packets.removeIf(p -> dropped.contains(p.index));
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        List<Playout> out = run(jb, packets, 50);
        for (int i = 0; i < 50; i++) {
            assertThat(out.get(i).kind()).as("tick %d", i).isEqualTo(dropped.contains(i) ? Kind.LOSS : Kind.FRAME);
        }
        // Each loss empties the 20 ms buffer, so they show as underruns rather than gaps.
        assertThat(jb.counters().underruns() + jb.counters().lost()).isEqualTo(3);
        assertThat(jb.counters().played()).isEqualTo(47);
        assertThat(jb.targetDelay()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void burstyJitterGrowsTheTargetFastAndShrinksItSlowly() {
        // 10 s in which the network stalls 100 ms once a second and then delivers the backlog at once,
        // followed by 30 s of steady delivery.
        int bursty = 500;
        int total = 2000;
        IntToLongFunction delay = i -> {
            if (i >= bursty) {
                return 5;
            }
            long sentMs = i * 20L;
            long stallStart = sentMs / 1000 * 1000 + 500;
            return sentMs >= stallStart && sentMs < stallStart + 100 ? stallStart + 100 - sentMs + 5 : 5;
        };
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        Run r = new Run(jb, stream(total, NB, 40_000, 1_000_000, delay));

        r.ticks(60); // up to just after the first stall
        assertThat(jb.targetDelay()).as("after one stall").isGreaterThanOrEqualTo(Duration.ofMillis(80));
        r.ticks(bursty - 60 - 50);
        long lateBefore = jb.counters().late() + jb.counters().lost();
        r.ticks(50); // last bursty second
        assertThat(jb.counters().late() + jb.counters().lost()).as("adapted: stalls no longer lose audio")
                .isEqualTo(lateBefore);
        Duration peak = jb.targetDelay();
        assertThat(peak).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThanOrEqualTo(Duration.ofMillis(200));

        r.ticks(100); // two calm seconds: at most one step down
        assertThat(jb.targetDelay()).isGreaterThanOrEqualTo(peak.minusMillis(20));
        r.ticks(total - bursty - 100 + 20);
        assertThat(jb.targetDelay()).as("calm again").isEqualTo(Duration.ofMillis(20));
        assertThat(jb.counters().shrunk()).isPositive();
        assertThat(r.played).isSorted().doesNotHaveDuplicates();
        assertThat(r.played.subList(r.played.size() - 100, r.played.size()))
                .containsExactlyElementsOf(range(total - 100, total));
    }

    @Test
    void randomJitterSettlesAtADepthThatStopsLosses() {
        Random random = new Random(7);
        long[] delays = random.longs(1500, 0, 60).toArray();
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        Run r = new Run(jb, stream(delays.length, NB, 3, 5, i -> delays[i]));
        r.ticks(100);
        JitterCounters settled = jb.counters();
        r.ticks(1300);
        JitterCounters end = jb.counters();
        assertThat(end.late() + end.lost() + end.underruns())
                .isEqualTo(settled.late() + settled.lost() + settled.underruns());
        // RFC 3550 J of uniform 0-60 ms delays is about 20 ms; the target covers the 60 ms spread.
        assertThat(jb.jitterUnits()).isBetween(100L, 250L);
        assertThat(jb.targetDelay()).isBetween(Duration.ofMillis(60), Duration.ofMillis(140));
        assertThat(r.played).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aSilenceTheSenderDidNotTransmitNeitherDeepensNorDelaysTheBuffer() {
        // 1 s of speech, 500 ms not sent (timestamps jump, sequence numbers continue), 1 s of speech.
        List<Sent> packets = new ArrayList<>(stream(50, NB, 100, 0, i -> 5));
        for (Sent p : stream(50, NB, 150, 75L * NB, i -> 5)) {
            packets.add(new Sent(75 + p.index, p.seq, p.ts, p.arrivalNanos + 1500 * MS));
        }
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        List<Playout> out = run(jb, packets, 125);
        assertThat(frameIndexes(out)).containsExactlyElementsOf(concat(range(0, 50), range(75, 125)));
        for (int tick = 75; tick < 125; tick++) {
            assertThat(index(out.get(tick))).as("played on time").isEqualTo(tick);
        }
        assertThat(jb.counters().underruns()).isEqualTo(25);
        assertThat(jb.targetDelay()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void sequenceAndTimestampWrapAround() {
        for (int units : new int[] {NB, 960}) {
            // Starts 40 packets before both counters wrap; pairs are swapped across the wrap.
            List<Sent> packets = stream(100, units, 65_536 - 40, (1L << 32) - 40L * units, i -> i % 2 == 0 ? 25 : 5);
            JitterBuffer jb = new JitterBuffer(
                    new JitterBufferConfig(units, Duration.ofMillis(40), Duration.ofMillis(200), 32));
            List<Playout> out = run(jb, packets, 120);
            assertThat(frameIndexes(out)).as("%d units per frame", units).containsExactlyElementsOf(range(0, 100));
            assertThat(jb.counters().resyncs()).isZero();
        }
    }

    @Test
    void timestampsOffTheFrameGridRealignPlayout() {
        // From packet 20 on the sender's timestamps are 80 units (10 ms) later than a whole frame.
        List<Sent> packets = new ArrayList<>();
        for (Sent p : stream(40, NB, 0, 0, i -> 5)) {
            packets.add(p.index < 20 ? p : new Sent(p.index, p.seq, p.ts + 80, p.arrivalNanos));
        }
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        List<Playout> out = run(jb, packets, 40);
        assertThat(frameIndexes(out)).containsExactlyElementsOf(range(0, 40));
    }

    @Test
    void overflowDropsTheOldestPackets() {
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        for (Sent p : stream(40, NB, 0, 0, i -> 0)) {
            jb.push(SSRC, p.seq, p.ts, payload(p.index), p.arrivalNanos);
        }
        assertThat(jb.size()).isEqualTo(JitterBufferConfig.DEFAULT_MAX_PACKETS);
        assertThat(jb.counters().overflows()).isEqualTo(8);
        assertThat(index(jb.pop())).isEqualTo(8);
    }

    @Test
    void newSsrcResetsTheBuffer() {
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        Run r = new Run(jb, stream(10, NB, 100, 10_000, i -> 5));
        r.ticks(10);
        for (Sent p : stream(10, NB, 9, 77_777, i -> 5)) {
            jb.push(SSRC + 1, p.seq, p.ts, payload(100 + p.index), 200 * MS + p.arrivalNanos);
        }
        assertThat(jb.counters().sourceChanges()).isEqualTo(1);
        assertThat(index(jb.pop())).isEqualTo(100);
        assertThat(index(jb.pop())).isEqualTo(101);
    }

    @Test
    void aJumpAheadRestartsPlayoutAtTheNewTimestamps() {
        List<Sent> packets = new ArrayList<>(stream(20, NB, 0, 0, i -> 5));
        // The sender restarts its timestamps 10 s ahead (sequence numbers continue), 20 ms later.
        for (Sent p : stream(20, NB, 20, 80_000 + 20L * NB, i -> 5)) {
            packets.add(new Sent(100 + p.index, p.seq, p.ts, p.arrivalNanos + 400 * MS));
        }
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        List<Playout> out = run(jb, packets, 40);
        assertThat(frameIndexes(out)).containsExactlyElementsOf(concat(range(0, 20), range(100, 120)));
        assertThat(jb.counters().resyncs()).isEqualTo(1);
    }

    @Test
    void aStrayOldPacketIsLateButTwoInARowResync() {
        JitterBuffer jb = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(NB));
        Run r = new Run(jb, stream(50, NB, 5000, 2_000_000, i -> 5));
        r.ticks(50);
        jb.push(SSRC, 1000, 100_000, payload(-1), 1000 * MS);
        jb.pop();
        assertThat(jb.counters().late()).isEqualTo(1);
        assertThat(jb.counters().resyncs()).isZero();
        jb.push(SSRC, 10, 7_000, payload(200), 1001 * MS);
        jb.push(SSRC, 11, 7_000 + NB, payload(201), 1002 * MS);
        assertThat(jb.counters().resyncs()).isEqualTo(1);
        assertThat(index(jb.pop())).isEqualTo(201);
        assertThat(jb.counters().late()).isEqualTo(2);
    }

    // ---- harness ----

    private record Sent(int index, int seq, long ts, long arrivalNanos) {
    }

    /** {@code count} packets from sequence {@code seq0} and timestamp {@code ts0}, delayed per index. */
    private static List<Sent> stream(int count, int units, int seq0, long ts0, IntToLongFunction delayMs) {
        List<Sent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long arrival = (i * 20L + delayMs.applyAsLong(i)) * MS;
            out.add(new Sent(i, (seq0 + i) & 0xFFFF, (ts0 + (long) i * units) & 0xFFFF_FFFFL, arrival));
        }
        return out;
    }

    private static List<Playout> run(JitterBuffer jb, List<Sent> packets, int ticks) {
        Run r = new Run(jb, packets);
        r.ticks(ticks);
        return r.out;
    }

    /** Feeds packets by arrival time and ticks every 20 ms (at +10 ms), keeping what came out. */
    private static final class Run {
        final JitterBuffer jb;
        final List<Sent> pending;
        final List<Playout> out = new ArrayList<>();
        final List<Integer> played = new ArrayList<>();
        int tick;

        Run(JitterBuffer jb, List<Sent> packets) {
            this.jb = jb;
            this.pending = new ArrayList<>(packets);
            pending.sort(Comparator.comparingLong(Sent::arrivalNanos));
        }

        void ticks(int n) {
            for (int k = 0; k < n; k++, tick++) {
                long now = (tick * 20L + 10) * MS;
                while (!pending.isEmpty() && pending.get(0).arrivalNanos <= now) {
                    Sent p = pending.remove(0);
                    jb.push(SSRC, p.seq, p.ts, payload(p.index), p.arrivalNanos);
                }
                Playout p = jb.pop();
                out.add(p);
                if (p.kind() == Kind.FRAME) {
                    played.add(index(p));
                }
            }
        }
    }

    private static byte[] payload(int index) {
        return ByteBuffer.allocate(4).putInt(index).array();
    }

    private static int index(Playout p) {
        assertThat(p.kind()).isEqualTo(Kind.FRAME);
        return ByteBuffer.wrap(p.payload()).getInt();
    }

    private static List<Integer> frameIndexes(List<Playout> out) {
        return out.stream().filter(p -> p.kind() == Kind.FRAME).map(JitterBufferTest::index).toList();
    }

    private static List<Kind> kinds(List<Playout> out) {
        return out.stream().map(Playout::kind).toList();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
