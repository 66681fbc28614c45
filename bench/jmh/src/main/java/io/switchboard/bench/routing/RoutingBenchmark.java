package io.switchboard.bench.routing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ACD decision latency at contact-center scale (issue 8): 10 000 agents, 200 skills, 50 000 waiting
 * tasks. One operation is one agent finishing a call and getting the next: complete (the engine picks
 * the best waiting task among the agent's queues and offers it), accept, and a new call arriving in that
 * queue (the engine searches the skill index for a free agent, finds none, and queues it), so the backlog
 * stays at 50 000. The engine is single-threaded by design, so so is the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class RoutingBenchmark {
    @Param("10000")
    int agents;
    @Param("200")
    int skills;
    @Param("50000")
    int waiting;

    private RoutingScenario center;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        center = new RoutingScenario(agents, skills, waiting);
        if (center.waiting() != waiting) {
            throw new IllegalStateException("expected " + waiting + " waiting tasks, built " + center.waiting());
        }
    }

    @Benchmark
    public String agentFinishesAndTakesTheNextTask() {
        int a = next;
        next = (next + 1) % center.agentIds.length;
        String agent = center.agentIds[a];
        center.lane.advance(1_000);
        RoutingScenario.check(center.engine.complete(center.taskOf[a], agent, Duration.ZERO));
        if (center.offeredTask == null) {
            throw new IllegalStateException(agent + " found no waiting task");
        }
        String queue = center.offeredQueue;
        center.acceptLastOffer();
        center.enqueue(queue);
        return queue;
    }
}
