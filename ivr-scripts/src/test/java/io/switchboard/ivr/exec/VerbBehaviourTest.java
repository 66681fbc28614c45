package io.switchboard.ivr.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.TestFlows;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.verb.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each verb on a recorded call: gather, languages and voices, subflows, record, dial, lookup, switch. */
class VerbBehaviourTest {

    private static EngineHarness start(String yaml) {
        return new EngineHarness(FlowSet.of(List.of(TestFlows.flow(yaml))), "t", Limits.defaults());
    }

    @Test
    void gatherCollectsDigitsUntilTheFinishKeyAndChecksThem() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: pin
                steps:
                  pin:
                    gather: dtmf
                    prompt: "Enter your PIN, then hash"
                    minDigits: 4
                    valid: "pin.startsWith('1')"
                    into: pin
                    noMatch: wrong
                    retries: 0
                  ok:
                    say: "PIN ${pin} accepted"
                  bye:
                    hangup:
                  wrong:
                    hangup: wrong pin
                """);
        h.session.promptDone();
        h.session.press("1234#");
        h.virtual.runAll();
        assertThat(h.session.take()).contains("say en-US: PIN 1234 accepted");
        assertThat(h.decisions()).containsExactly("got dtmf '1234' → pin");
    }

    @Test
    void gatherEndsAfterTheInterDigitTimeoutAndRejectsTooFewDigits() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: pin
                steps:
                  pin:
                    gather: dtmf
                    minDigits: 4
                    interDigitTimeout: 2s
                    into: pin
                    retries: 0
                    noMatch: wrong
                  ok:
                    hangup: ok
                  wrong:
                    hangup: wrong pin
                """);
        h.session.press("12");
        h.virtual.advance(Duration.ofMillis(1999));
        assertThat(h.outcome()).isNull();
        h.virtual.advance(Duration.ofMillis(1));
        assertThat(h.outcome()).isEqualTo(new Outcome.HungUp("wrong pin"));
    }

    @Test
    void speechGatherMapsWhatWasSaidToAPhraseAndIgnoresLowConfidence() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: ask
                steps:
                  ask:
                    gather: speech
                    prompt: "Which department?"
                    phrases: [billing, sales]
                    into: department
                    retries: 1
                  tell:
                    say: "Connecting you to ${department}"
                """);
        h.session.promptDone();
        h.session.speak("Billing, please!", 0.1);
        h.virtual.runAll();
        assertThat(h.decisions()).containsExactly("no match (try 1 of 2)");
        h.session.promptDone();
        h.session.speak("Billing, please!", 0.9);
        h.virtual.runAll();
        assertThat(h.session.take()).last().isEqualTo("say en-US: Connecting you to billing");
    }

    @Test
    void textByLanguageFollowsTheLanguageVariableAndTheFlowVoice() {
        EngineHarness h = start("""
                flow: t
                language: zh-CN
                voice: zh-CN
                start: hello
                steps:
                  hello:
                    say: { zh-CN: "您好", en-US: "Hello" }
                  switch_language:
                    set: { language: en-US }
                  hello_again:
                    say: { zh-CN: "您好", en-US: "Hello" }
                  spoken_in:
                    say: "Bonjour"
                    language: en-US
                    voice: en-US
                """);
        h.session.promptDone();
        h.virtual.runAll();
        h.session.promptDone();
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("say zh-CN/zh-CN: 您好", "say en-US: Hello", "say en-US/en-US: Bonjour");
    }

    @Test
    void aSubflowRunsAndReturnsSharingVariables() {
        FlowSet flows = TestFlows.set("""
                flow: main
                language: en-US
                start: ask
                variables: { account: "" }
                steps:
                  ask:
                    subflow: account
                  tell:
                    say: "Thanks, ${account}"
                """, """
                flow: account
                language: en-US
                start: get
                steps:
                  get:
                    set: { account: "A-${caller}" }
                  done:
                    return:
                """);
        EngineHarness h = new EngineHarness(flows, "main", Limits.defaults());
        assertThat(h.session.take()).containsExactly("say en-US: Thanks, A-+8613800138000");
        assertThat(h.decisions()).contains("back from subflow account");
    }

    @Test
    void recordKeepsTheMessage() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: rec
                steps:
                  rec:
                    record: support
                    prompt: "Leave a message after the tone"
                    maxLength: 30s
                  done:
                    say: "Saved ${recording.uri} (${recording.seconds} s)"
                """);
        h.session.promptDone();
        h.virtual.runAll();
        h.session.recorded("file:///data/recordings/vm1.wav", Duration.ofSeconds(12));
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("say en-US: Leave a message after the tone", "record support max 30s",
                "say en-US: Saved file:///data/recordings/vm1.wav (12 s)");
    }

    @Test
    void dialConnectsOrFallsBack() {
        String flow = """
                flow: t
                language: en-US
                start: call
                steps:
                  call:
                    dial: "${extension}"
                    timeout: 15s
                  busy:
                    hangup: nobody
                """;
        EngineHarness answered = new EngineHarness(FlowSet.of(List.of(TestFlows.flow(flow.replace("${extension}", "1001")))),
                "t", Limits.defaults());
        answered.session.answer("1001");
        answered.virtual.runAll();
        assertThat(answered.outcome()).isEqualTo(new Outcome.Connected("dial", "1001", "1001"));
        EngineHarness unanswered = new EngineHarness(FlowSet.of(List.of(TestFlows.flow(flow.replace("${extension}", "1001")))),
                "t", Limits.defaults());
        unanswered.virtual.advance(Duration.ofSeconds(15));
        assertThat(unanswered.session.take()).containsExactly("dial 1001", "cancel op 1", "hangup nobody");
    }

    @Test
    void lookupFindsTheCustomerAndSwitchUsesIt() {
        String yaml = """
                flow: t
                language: en-US
                start: who
                steps:
                  who:
                    lookup: customer
                    notFound: stranger
                  tier:
                    switch: "customer.tier"
                    cases:
                      gold: gold
                    default: stranger
                  gold:
                    enqueue: vip
                  stranger:
                    enqueue: general
                """;
        CustomerLookup gold = (channel, key) -> CompletableFuture.completedFuture(
                key.equals("+8613800138000") ? Optional.of(Map.of("name", "Li Lei", "tier", "gold")) : Optional.empty());
        EngineHarness h = new EngineHarness(FlowSet.of(List.of(TestFlows.flow(yaml))), "t", Limits.defaults(),
                new RecordingSession(), null, gold, Map.of());
        assertThat(h.session.take()).containsExactly("enqueue vip");
        assertThat(h.decisions()).containsExactly("customer +8613800138000 found → customer", "switch customer.tier = 'gold' → gold");
        EngineHarness nobody = new EngineHarness(FlowSet.of(List.of(TestFlows.flow(yaml))), "t", Limits.defaults());
        assertThat(nobody.session.take()).containsExactly("enqueue general");
    }
}
