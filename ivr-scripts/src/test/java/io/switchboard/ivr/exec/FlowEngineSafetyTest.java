package io.switchboard.ivr.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.TestFlows;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.verb.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runaway flows and run-time errors never leave the caller in dead air. */
class FlowEngineSafetyTest {

    private static EngineHarness start(String yaml, Limits limits) {
        return new EngineHarness(FlowSet.of(List.of(TestFlows.flow(yaml))), "t", limits);
    }

    @Test
    void aBadValueGoesToOnError() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: tell
                on_error: sorry
                variables:
                  order: { id: "A1" }
                steps:
                  tell:
                    say: "Your order ships ${order.date}"
                  bye:
                    hangup:
                  sorry:
                    say: "Sorry: ${error}"
                    next: bye
                """, Limits.defaults());
        assertThat(h.session.take()).containsExactly(
                "say en-US: Sorry: the expression 'order.date' (test.yaml:9:30) failed: key 'date' is not present in map");
        assertThat(h.events).anyMatch(e -> e instanceof FlowEvent.Error err && err.step().equals("tell"));
        assertThat(h.steps()).startsWith("started tell (say)",
                "finished tell: error: the expression 'order.date' (test.yaml:9:30) failed: key 'date' is not present in map",
                "started sorry (say)");
    }

    @Test
    void withoutOnErrorTheSafeDefaultApologisesAndQueues() {
        EngineHarness h = start("""
                flow: t
                language: zh-CN
                start: tell
                steps:
                  tell:
                    say: "${1 / 0}"
                """, Limits.defaults());
        assertThat(h.session.take()).containsExactly("say zh-CN: 抱歉，系统出现问题，正在为您转接人工服务，请稍候。");
        h.session.promptDone();
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("enqueue default");
        assertThat(h.session.queues.get(0).priority()).isEqualTo(9);
        h.virtual.advance(Duration.ofMinutes(5));
        assertThat(h.session.take()).containsExactly("cancel op 2", "hangup no agent available after an error");
        assertThat(h.outcome()).isEqualTo(new Outcome.HungUp("no agent available after an error"));
    }

    @Test
    void anOnErrorStepThatFailsItselfEndsInTheSafeDefault() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: tell
                on_error: sorry
                steps:
                  tell:
                    say: "${1 / 0}"
                  sorry:
                    say: "${2 / 0}"
                """, Limits.defaults());
        assertThat(h.session.take()).containsExactly(
                "say en-US: Sorry, something went wrong. Please hold while we connect you to an agent.");
        assertThat(h.events).filteredOn(e -> e instanceof FlowEvent.Error).hasSize(FlowRun.MAX_ERRORS + 1);
    }

    @Test
    void theStepLimitStopsALoopThatNeverWaits() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: count
                variables: { n: 0 }
                steps:
                  count:
                    set: { n: "=n + 1" }
                  check:
                    if: "n < 100000"
                    then: count
                  done:
                    hangup:
                """, Limits.defaults().withMaxSteps(50));
        assertThat(h.session.take()).containsExactly(
                "say en-US: Sorry, something went wrong. Please hold while we connect you to an agent.");
        assertThat(h.decisions()).contains("safe default: the flow went through more than 50 steps");
        assertThat(h.run.outcome()).isEmpty();
    }

    @Test
    void theTimeLimitStopsAFlowThatKeepsAsking() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: ask
                steps:
                  ask:
                    gather: dtmf
                    prompt: "Enter your PIN"
                    retries: 0
                    noInput: ask
                """, Limits.defaults().withMaxDuration(Duration.ofMinutes(1)));
        for (int i = 0; i < 20; i++) {
            h.session.promptDone();
            h.virtual.advance(Duration.ofSeconds(5));
        }
        assertThat(h.decisions()).contains("safe default: the call was in the flow longer than PT1M");
        assertThat(h.session.queues).extracting(q -> q.queue()).containsExactly("default");
    }

    @Test
    void aMissingFlowTakesTheSafeDefault() {
        EngineHarness h = new EngineHarness(FlowSet.of(List.of()), "nope", Limits.defaults());
        assertThat(h.session.take()).containsExactly(
                "say en-US: Sorry, something went wrong. Please hold while we connect you to an agent.");
    }

    @Test
    void aFailingPromptGoesToOnError() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: hello
                on_error: bye
                steps:
                  hello:
                    say: "Hello"
                  bye:
                    hangup: tts down
                """, Limits.defaults());
        h.session.events.post(new io.switchboard.ivr.port.SessionEvent.Failed(h.session.lastPrompt, "TTS engine down"));
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("say en-US: Hello", "cancel prompt", "hangup tts down");
    }
}
