package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.ivr.exec.FlowEvent;
import io.switchboard.speech.tts.SynthesisRequest;
import io.switchboard.speech.tts.marytts.MaryTtsSynthesizer;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IVR flows on real calls: SIPp dials the hotline number from extension 1001 (an internal test call); the
 * switch answers with the flow, its prompts arrive as RTP with speech in them, an RFC 2833 key from
 * SIPp's pcap or the word "billing" (MaryTTS, streamed as PCMU RTP) picks the billing step, silence runs
 * the no-input retries into the fallback, and a flow file changed mid-call takes effect for the next
 * call while the current one finishes on its version.
 */
class IvrE2eTest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static short[] billing;

    @BeforeAll
    static void speakBilling() {
        // also warms MaryTTS up in this JVM, which the switch under test shares
        billing = MaryTtsSynthesizer.lazy().synthesize(SynthesisRequest.of("en-US", "billing")).resampled(8000).pcm();
    }

    @Test
    void rfc2833KeyFromSippReachesTheBillingStepAfterSpokenPrompts() {
        Path conf = confWithFlow(flow("welcome"));
        try (RtpPeer rtp = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp(), "media.symmetricRtp=false")) {
            Steps steps = Steps.of(sw);
            registerDeskPhone(sw);
            SippResult r = E2e.uac("uac-ivr-dtmf.xml", "ivr-dtmf", sw, Sipp.Transport.UDP, "1001", "4008001234")
                    .key("rtp_port", Integer.toString(rtp.port())).timeout(CALL_TIMEOUT).recvTimeout(CALL_TIMEOUT)
                    .arg("-mi", "127.0.0.1", "-mp", Integer.toString(FreePorts.udpAndTcpPair()), "-d", "12000").run();
            E2e.assertCalls(1, r);
            assertThat(steps.only()).as("steps").containsSubsequence("welcome", "main", "billing", "bye").doesNotContain("sales", "fallback");
            assertThat(rtp.loudFrames(300)).as("prompt frames with speech energy (of " + rtp.frames() + ")").isGreaterThan(75);
        }
    }

    @Test
    void theCallerSayingBillingReachesTheBillingStep() throws Exception {
        Path conf = confWithFlow(flow("welcome"));
        try (RtpPeer rtp = new RtpPeer(); TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp())) {
            Steps steps = Steps.of(sw);
            registerDeskPhone(sw);
            try (SippProcess caller = callIn(sw, rtp, "ivr-speech")) {
                await().atMost(Duration.ofSeconds(40)).until(() -> steps.only().contains("main"));
                Thread.sleep(1500);
                rtp.speak(billing);
                E2e.assertCalls(1, caller.awaitExit(CALL_TIMEOUT));
            }
            assertThat(steps.only()).as("steps").containsSubsequence("welcome", "main", "billing", "bye").doesNotContain("fallback");
        }
    }

    @Test
    void silenceRetriesThenFallsBackAndAReloadedFlowServesOnlyTheNextCall() throws Exception {
        Path conf = confWithFlow(flow("welcome"));
        try (RtpPeer first = new RtpPeer(); RtpPeer second = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp(), "ivr.watch=200ms")) {
            Steps steps = Steps.of(sw);
            registerDeskPhone(sw);
            try (SippProcess silent = callIn(sw, first, "ivr-silent")) {
                await().atMost(Duration.ofSeconds(40)).until(() -> steps.only().contains("main"));
                String firstCall = steps.calls().get(0);
                Files.writeString(conf.resolve("ivr").resolve("e2e.yaml"), flow("greeting"));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> sw.switchboard().ivr().store().published("e2e").map(v -> v.version()).orElse(0) == 2);
                try (SippProcess next = callIn(sw, second, "ivr-reloaded")) {
                    await().atMost(Duration.ofSeconds(40)).until(() -> steps.calls().size() == 2
                            && steps.of(steps.calls().get(1)).contains("main"));
                    String secondCall = steps.calls().get(1);
                    rtp(second);
                    E2e.assertCalls(1, silent.awaitExit(CALL_TIMEOUT));
                    assertThat(steps.version(firstCall)).as("version of the call in progress").isEqualTo(1);
                    assertThat(steps.of(firstCall)).as("first call (silent, version 1)")
                            .containsSubsequence("welcome", "main", "fallback", "bye").doesNotContain("greeting", "billing", "sales");
                    assertThat(steps.version(secondCall)).as("version of the next call").isEqualTo(2);
                    assertThat(steps.of(secondCall)).as("second call (version 2)").startsWith("greeting");
                    E2e.assertCalls(1, next.awaitExit(CALL_TIMEOUT));
                }
            }
        }
    }

    /** A carrier call to a DID whose trunk rule names a flow ({@code flow: e2e}) is answered by that flow. */
    @Test
    void aTrunkRuleSendsACarrierCallToTheFlow() {
        int carrierPort = FreePorts.udpAndTcp();
        Path conf = E2e.conf("ivr-trunk-", "", """
                trunks:
                  - name: test-carrier
                    type: ip
                    from: ["127.0.0.1:%d"]
                inbound:
                  - did: 95555
                    flow: e2e
                """.formatted(carrierPort));
        try {
            Files.createDirectories(conf.resolve("ivr"));
            Files.writeString(conf.resolve("ivr").resolve("e2e.yaml"), flow("welcome").replace("numbers: [\"4008001234\"]\n", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (RtpPeer rtp = new RtpPeer(); TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp(), "media.symmetricRtp=false")) {
            Steps steps = Steps.of(sw);
            SippResult r = Sipp.scenario(E2e.scenario("uac-ivr-trunk.xml")).name("ivr-trunk").remote("127.0.0.1", sw.sipPort())
                    .transport(Sipp.Transport.UDP).localPort(carrierPort).service("95555").key("caller", "13800138000")
                    .key("rtp_port", Integer.toString(rtp.port())).timeout(CALL_TIMEOUT).recvTimeout(CALL_TIMEOUT).run();
            E2e.assertCalls(1, r);
            assertThat(steps.only()).as("a silent carrier caller goes through the flow to its fallback")
                    .containsSubsequence("welcome", "main", "fallback", "bye");
            assertThat(rtp.loudFrames(300)).isGreaterThan(75);
        }
    }

    /**
     * The {@code dial} verb: the first call finds 1002 busy (SIPp answers 486), so the flow takes its
     * {@code onFailure} step; the second finds 1002 answering and the caller is bridged to it.
     */
    @Test
    void dialGoesToOnFailureWhenBusyAndBridgesWhenAnswered() {
        Path conf = confWithFlow("""
                flow: e2e
                numbers: ["4008001234"]
                language: en-US
                start: connect
                steps:
                  connect:
                    dial: "1002"
                    timeout: 20s
                    onFailure: busy
                  busy:
                    say: "The line is busy."
                  bye:
                    hangup: busy
                """);
        try (RtpPeer rtp = new RtpPeer(); TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp())) {
            Steps steps = Steps.of(sw);
            registerDeskPhone(sw);
            int phonePort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "ivr-dial", "1002", phonePort);
            try (SippProcess busy = E2e.uas("uas-busy.xml", "ivr-dial-busy", sw, Sipp.Transport.UDP, "1002", phonePort, 1)) {
                E2e.assertCalls(1, E2e.uac("uac-ivr.xml", "ivr-dial-1", sw, Sipp.Transport.UDP, "1001", "4008001234")
                        .key("rtp_port", Integer.toString(rtp.port())).timeout(CALL_TIMEOUT).recvTimeout(CALL_TIMEOUT).run(),
                        busy.awaitExit(CALL_TIMEOUT));
            }
            assertThat(steps.only()).containsSubsequence("connect", "busy", "bye");
            try (SippProcess answers = E2e.uas("uas-answer-then-bye.xml", "ivr-dial-answer", sw, Sipp.Transport.UDP, "1002", phonePort, 1)) {
                E2e.assertCalls(1, E2e.uac("uac-ivr.xml", "ivr-dial-2", sw, Sipp.Transport.UDP, "1001", "4008001234")
                        .key("rtp_port", Integer.toString(rtp.port())).timeout(CALL_TIMEOUT).recvTimeout(CALL_TIMEOUT).run(),
                        answers.awaitExit(CALL_TIMEOUT));
            }
            assertThat(steps.of(steps.calls().get(1))).containsExactly("connect");
        }
    }

    /**
     * After the flow connects the caller to an extension, media flows both ways through the bridge, here
     * transcoded (the caller speaks PCMU, the softphone only Opus): the caller hears the softphone's tone, and
     * the softphone records the caller's speech.
     */
    @Test
    void aCallerConnectedByTheFlowTalksToTheCalleeBothWays() throws Exception {
        Path conf = confWithFlow("""
                flow: e2e
                numbers: ["4008001234"]
                language: en-US
                start: connect
                steps:
                  connect:
                    dial: "1002"
                    onFailure: bye
                  bye:
                    hangup: not connected
                """);
        try (RtpPeer rtp = new RtpPeer(); TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp());
                io.switchboard.testkit.Baresip callee = io.switchboard.testkit.Baresip.named("ivr-bridge-1002").account("1002", E2e.password("1002"))
                        .registrar(sw.sipPort()).recordAudio().codecs("opus/48000/2").start()) {
            registerDeskPhone(sw);
            callee.awaitRegistered(Duration.ofSeconds(20));
            try (SippProcess caller = callIn(sw, rtp, "ivr-bridge")) {
                callee.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(30), "CALL_CLOSED");
                long connected = System.nanoTime();
                Thread.sleep(500);
                rtp.speak(billing);
                long spoken = System.nanoTime();
                callee.hangup();
                callee.awaitEvent("CALL_CLOSED", Duration.ofSeconds(20));
                E2e.assertCalls(1, caller.awaitExit(CALL_TIMEOUT));
                assertThat(rtp.loudFramesBetween(connected + 300_000_000L, spoken)).as("frames of the callee's tone heard by the caller")
                        .isGreaterThan(50);
            }
            Path heard;
            try (var files = Files.list(callee.dir())) {
                heard = files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).findFirst().orElseThrow();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> io.switchboard.testkit.Wav.read(heard, 0).seconds() > 1.5);
            short[] pcm = io.switchboard.testkit.Wav.read(heard, 0).samples();
            double peak = 0;
            for (short v : pcm) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertThat(peak).as("the caller's speech reached the callee").isGreaterThan(2000);
        }
    }

    @Test
    void aVoicemailIsRecordedFromTheCallersAudio() throws Exception {
        Path conf = confWithFlow("""
                flow: e2e
                numbers: ["4008001234"]
                language: en-US
                start: message
                steps:
                  message:
                    record: sales
                    prompt: "Please leave a message after the tone."
                    maxLength: 5s
                  thanks:
                    say: "Thank you."
                  bye:
                    hangup: done
                """);
        try (RtpPeer rtp = new RtpPeer(); TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp())) {
            Steps steps = Steps.of(sw);
            registerDeskPhone(sw);
            try (SippProcess caller = callIn(sw, rtp, "ivr-voicemail")) {
                await().atMost(Duration.ofSeconds(40)).until(() -> rtp.frames() > 0);
                Thread.sleep(3500);
                rtp.speak(billing);
                E2e.assertCalls(1, caller.awaitExit(CALL_TIMEOUT));
            }
            assertThat(steps.only()).containsSubsequence("message", "thanks", "bye");
            Path box = sw.dataDir().resolve("voicemail").resolve("sales");
            List<Path> files;
            try (var list = Files.list(box)) {
                files = list.filter(f -> f.toString().endsWith(".wav")).toList();
            }
            assertThat(files).hasSize(1);
            long bytes = Files.size(files.get(0));
            assertThat(bytes - 44).as("PCM bytes of at most 5 s at 8 kHz").isGreaterThan(8000 * 2).isLessThanOrEqualTo(8000 * 2 * 5);
            short[] pcm = io.switchboard.testkit.Wav.read(files.get(0), 0).samples();
            double peak = 0;
            for (short v : pcm) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertThat(peak).as("the caller's speech is in the message").isGreaterThan(1000);
        }
    }

    /** Once speech input is ready, extension 1001 registers, as a desk phone does (a stranger dialling the hotline number gets 403). */
    private static void registerDeskPhone(TestSwitch sw) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sw.switchboard().ivr().speechReady());
        E2e.register(sw, Sipp.Transport.UDP, "ivr", "1001", FreePorts.udpAndTcp());
    }

    private static void rtp(RtpPeer peer) {
        peer.speak(billing);
    }

    private static SippProcess callIn(TestSwitch sw, RtpPeer rtp, String name) {
        return E2e.uac("uac-ivr.xml", name, sw, Sipp.Transport.UDP, "1001", "4008001234")
                .key("rtp_port", Integer.toString(rtp.port())).timeout(CALL_TIMEOUT).recvTimeout(CALL_TIMEOUT).start();
    }

    /** The test line: a welcome step named {@code firstStep}, a menu (1 sales, 2 or "billing" billing), fallback on silence. */
    static String flow(String firstStep) {
        return """
                flow: e2e
                description: the end-to-end test line
                numbers: ["4008001234"]
                language: en-US
                start: %1$s
                steps:
                  %1$s:
                    say: "Welcome to the test line."
                  main:
                    menu: "For sales, press 1. For billing, press 2 or say billing."
                    options:
                      - { key: 1, phrases: [sales], next: sales }
                      - { key: 2, phrases: [billing], next: billing }
                    timeout: 3s
                    retries: 1
                    noInputPrompt: "Sorry, I did not hear you."
                    noInput: fallback
                    noMatch: fallback
                  sales:
                    say: "Sales."
                    next: bye
                  billing:
                    say: "Billing."
                    next: bye
                  fallback:
                    say: "Please call again later."
                  bye:
                    hangup: done
                """.formatted(firstStep);
    }

    private static Path confWithFlow(String flow) {
        Path conf = E2e.conf("ivr-", "", null);
        try {
            Files.createDirectories(conf.resolve("ivr"));
            Files.writeString(conf.resolve("ivr").resolve("e2e.yaml"), flow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }

    /** The steps each call's flow went through, in order, from the engine's events. */
    static final class Steps {
        private final Map<String, List<String>> byCall = new ConcurrentHashMap<>();
        private final Map<String, Integer> versions = new ConcurrentHashMap<>();
        private final List<String> calls = new CopyOnWriteArrayList<>();

        static Steps of(TestSwitch sw) {
            Steps s = new Steps();
            sw.switchboard().ivr().onEvent(e -> {
                if (e instanceof FlowEvent.FlowStarted f && !s.versions.containsKey(f.callId())) {
                    s.versions.put(f.callId(), f.version());
                    s.calls.add(f.callId());
                } else if (e instanceof FlowEvent.StepStarted st) {
                    s.byCall.computeIfAbsent(st.callId(), k -> new CopyOnWriteArrayList<>()).add(st.step());
                }
            });
            return s;
        }

        List<String> calls() {
            return calls;
        }

        List<String> of(String callId) {
            return new ArrayList<>(byCall.getOrDefault(callId, List.of()));
        }

        int version(String callId) {
            return versions.getOrDefault(callId, 0);
        }

        /** The steps of the one call so far. */
        List<String> only() {
            return calls.isEmpty() ? List.of() : of(calls.get(0));
        }
    }
}
