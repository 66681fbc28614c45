package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.routing.acd.AcdEvent;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The voice path through the ACD: agent alice (extension 1002) logs in with the feature code *11 from her
 * phone; a caller dials the hotline, the flow enqueues the call in "sales", alice's phone (SIPp) rings and
 * answers, the call is bridged and accepted; when she hangs up the task completes (wrap-up). With nobody
 * logged in, the flow's overflow step takes the caller after the queue's maximum wait.
 */
class QueueE2eTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aCallerInTheQueueReachesTheLoggedInAgent() {
        Path conf = conf();
        try (RtpPeer caller = new RtpPeer(); RtpPeer agentPhone = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp())) {
            List<AcdEvent> events = new CopyOnWriteArrayList<>();
            sw.switchboard().queues().engine().subscribe(events::add);
            int agentPort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "acd", "1002", agentPort);
            E2e.register(sw, Sipp.Transport.UDP, "acd", "1001", FreePorts.udpAndTcp());
            SippResult login = E2e.uac("uac-ivr.xml", "acd-login", sw, Sipp.Transport.UDP, "1002", "*11")
                    .key("rtp_port", Integer.toString(agentPhone.port())).timeout(TIMEOUT).recvTimeout(TIMEOUT).run();
            E2e.assertCalls(1, login);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e instanceof AcdEvent.AgentStateChanged s
                    && s.agentId().equals("alice") && s.to() == AgentState.AVAILABLE));
            try (SippProcess agent = E2e.uas("uas-answer-then-bye.xml", "acd-agent", sw, Sipp.Transport.UDP, "1002", agentPort, 1)) {
                SippResult call = E2e.uac("uac-ivr.xml", "acd-caller", sw, Sipp.Transport.UDP, "1001", "4008001234")
                        .key("rtp_port", Integer.toString(caller.port())).timeout(TIMEOUT).recvTimeout(TIMEOUT).run();
                E2e.assertCalls(1, call, agent.awaitExit(TIMEOUT));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e instanceof AcdEvent.TaskCompleted));
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AcdEvent.TaskAccepted.class,
                    a -> assertThat(a.agentId()).isEqualTo("alice")));
            assertThat(sw.switchboard().queues().engine().call(e -> e.queueStats("sales").orElseThrow()).toCompletableFuture().join().answered())
                    .isEqualTo(1);
            // the queue records its answered calls
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try (var files = Files.walk(sw.dataDir().resolve("recordings"))) {
                    return files.anyMatch(f -> f.toString().endsWith(".wav"));
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /**
     * Sticky agent: the caller's first call is taken by alice (bob is logged out); on the next call bob is
     * logged in too and is the better match for the queue (skills-best-match), yet the call is offered to
     * alice first, because she served this caller last.
     */
    @Test
    void aReturningCallerIsOfferedToTheAgentWhoServedThemLast() {
        Path conf = conf("  - id: bob\n    name: Bob\n    extensions: [\"1003\"]\n    skills: {sales: 9}\n", "skills-best-match");
        try (RtpPeer caller = new RtpPeer(); RtpPeer phone = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp())) {
            List<AcdEvent> events = new CopyOnWriteArrayList<>();
            sw.switchboard().queues().engine().subscribe(events::add);
            int alicePort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "sticky", "1002", alicePort);
            E2e.register(sw, Sipp.Transport.UDP, "sticky", "1001", FreePorts.udpAndTcp());
            sw.switchboard().queues().call(e -> e.login("alice")).toCompletableFuture().join();
            try (SippProcess alice = E2e.uas("uas-answer-then-bye.xml", "sticky-alice", sw, Sipp.Transport.UDP, "1002", alicePort, 2)) {
                E2e.assertCalls(1, E2e.uac("uac-ivr.xml", "sticky-first", sw, Sipp.Transport.UDP, "1001", "4008001234")
                        .key("rtp_port", Integer.toString(caller.port())).timeout(TIMEOUT).recvTimeout(TIMEOUT).run());
                // the first call's record (with its agent) is written asynchronously
                await().atMost(Duration.ofSeconds(10)).until(() -> sw.switchboard().customers().find("voice", "1001")
                        .join().map(m -> "alice".equals(m.get("last_agent"))).orElse(false));
                sw.switchboard().queues().call(e -> e.login("bob")).toCompletableFuture().join();
                E2e.assertCalls(1, E2e.uac("uac-ivr.xml", "sticky-second", sw, Sipp.Transport.UDP, "1001", "4008001234")
                        .key("rtp_port", Integer.toString(phone.port())).timeout(TIMEOUT).recvTimeout(TIMEOUT).run());
                E2e.assertCalls(2, alice.awaitExit(TIMEOUT));
            }
            List<String> offeredTo = events.stream().filter(e -> e instanceof AcdEvent.TaskOffered)
                    .map(e -> ((AcdEvent.TaskOffered) e).agentId()).toList();
            assertThat(offeredTo).containsExactly("alice", "alice");
        }
    }

    @Test
    void withNoAgentTheFlowOverflowsAfterTheMaximumWait() {
        Path conf = conf();
        try (RtpPeer caller = new RtpPeer(); TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp())) {
            List<String> steps = new CopyOnWriteArrayList<>();
            sw.switchboard().ivr().onEvent(e -> {
                if (e instanceof io.switchboard.ivr.exec.FlowEvent.StepStarted s) {
                    steps.add(s.step());
                }
            });
            long[] queued = new long[1];
            sw.switchboard().ivr().onEvent(e -> {
                if (e instanceof io.switchboard.ivr.exec.FlowEvent.StepStarted st && st.step().equals("queue")) {
                    queued[0] = System.nanoTime();
                }
            });
            E2e.register(sw, Sipp.Transport.UDP, "acd-none", "1001", FreePorts.udpAndTcp());
            SippResult call = E2e.uac("uac-ivr.xml", "acd-nobody", sw, Sipp.Transport.UDP, "1001", "4008001234")
                    .key("rtp_port", Integer.toString(caller.port())).timeout(TIMEOUT).recvTimeout(TIMEOUT).run();
            E2e.assertCalls(1, call);
            assertThat(steps).containsSubsequence("hello", "queue", "nobody", "bye");
            // the announcement 10 s into the wait (the greeting is long over, the overflow prompt comes at 15 s)
            assertThat(queued[0]).isPositive();
            assertThat(caller.loudFramesBetween(queued[0] + 4_000_000_000L, queued[0] + 9_500_000_000L)).as("speech 4-9.5 s into the wait")
                    .isZero();
            assertThat(caller.loudFramesBetween(queued[0] + 9_500_000_000L, queued[0] + 14_500_000_000L)).as("speech 9.5-14.5 s into the wait")
                    .isGreaterThan(25);
        }
    }

    private static Path conf() {
        return conf("", "longest-idle");
    }

    private static Path conf(String moreAgents, String strategy) {
        Path conf = E2e.conf("acd-", "", null);
        String agents = """
                agents:
                  - id: alice
                    name: Alice
                    extensions: ["1002"]
                    skills: {sales: 3}
                %s
                queues:
                  - id: sales
                    required: {sales: 1}
                    strategy: %s
                    record: true
                    ring_timeout: 10s
                    wrap_up: 1s
                """.formatted(moreAgents, strategy);
        try {
            // the repository's extensions, then this test's agent and queue instead of the demo ones
            String directory = Files.readString(conf.resolve("directory.yaml"));
            int extensions = directory.indexOf("\nextensions:");
            Files.writeString(conf.resolve("directory.yaml"), agents + directory.substring(extensions + 1));
            Files.createDirectories(conf.resolve("ivr"));
            Files.writeString(conf.resolve("ivr").resolve("sales.yaml"), """
                    flow: sales-line
                    numbers: ["4008001234"]
                    language: en-US
                    start: hello
                    steps:
                      hello:
                        say: "Connecting you to sales."
                      queue:
                        enqueue: sales
                        announce: "Please hold, all our agents are busy."
                        announceEvery: 10s
                        maxWait: 15s
                        overflow: nobody
                      nobody:
                        say: "Nobody is free."
                      bye:
                        hangup: done
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }
}
