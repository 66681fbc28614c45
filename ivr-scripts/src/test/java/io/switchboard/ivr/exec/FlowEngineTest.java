package io.switchboard.ivr.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.TestFlows;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.verb.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine on a recorded voice call and virtual time: menus, retries, barge-in, limits, errors. */
class FlowEngineTest {

    static final String MENU = """
            flow: t
            language: en-US
            start: main
            on_error: sorry
            steps:
              main:
                menu: "For sales press 1 or say sales. For support press 2."
                options:
                  - { key: 1, phrases: [sales, buy], next: sales }
                  - { key: 2, phrases: [support], next: support }
                noInputPrompt: "Sorry, I did not hear you."
                noMatchPrompt: "Sorry, that is not an option."
                retries: 2
                noInput: operator
                noMatch: operator
              sales:
                enqueue: sales
                maxWait: 1m
                overflow: operator
              support:
                enqueue: support
              operator:
                dial: "1001"
                timeout: 20s
                onFailure: sorry
              sorry:
                say: "Sorry, please call again later."
              bye:
                hangup: done
            """;

    private static EngineHarness start(String yaml) {
        return new EngineHarness(FlowSet.of(List.of(TestFlows.flow(yaml))), "t", Limits.defaults());
    }

    @Test
    void aKeyChoosesTheMenuOptionAndAnAgentAnswers() {
        EngineHarness h = start(MENU);
        assertThat(h.session.take()).containsExactly("listen dtmf+speech [sales, buy, support]",
                "say en-US: For sales press 1 or say sales. For support press 2.");
        h.session.promptDone();
        h.virtual.advance(Duration.ofSeconds(2));
        h.session.press("1");
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("cancel listen", "enqueue sales");
        h.session.answer("agent 1007");
        h.virtual.runAll();
        assertThat(h.outcome()).isEqualTo(new Outcome.Connected("queue", "sales", "agent 1007"));
        assertThat(h.decisions()).containsExactly("option 1 → sales");
        assertThat(h.steps()).containsExactly("started main (menu)", "finished main: goto sales",
                "started sales (enqueue)", "finished sales: connected: queue sales (agent 1007)");
    }

    @Test
    void speechPicksTheOptionByPhrase() {
        EngineHarness h = start(MENU);
        h.session.promptDone();
        h.session.speak("I want to buy a phone", 0.8);
        h.virtual.runAll();
        assertThat(h.decisions()).containsExactly("option 1 → sales");
        assertThat(h.session.queues.get(0).queue()).isEqualTo("sales");
    }

    @Test
    void silenceIsRetriedWithTheNoInputPromptThenTheFallbackStep() {
        EngineHarness h = start(MENU);
        h.session.promptDone();
        h.session.take();
        h.virtual.advance(Duration.ofSeconds(5));
        assertThat(h.session.take()).containsExactly("cancel listen", "listen dtmf+speech [sales, buy, support]",
                "say en-US: Sorry, I did not hear you.");
        h.session.promptDone();
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("say en-US: For sales press 1 or say sales. For support press 2.");
        h.session.promptDone();
        h.virtual.advance(Duration.ofSeconds(5));
        h.session.promptDone();
        h.virtual.runAll();
        h.session.promptDone();
        h.virtual.advance(Duration.ofSeconds(4));
        assertThat(h.session.take()).doesNotContain("dial 1001");
        h.virtual.advance(Duration.ofSeconds(1));
        assertThat(h.session.take()).endsWith("cancel listen", "dial 1001");
        assertThat(h.decisions()).containsExactly("no input (try 1 of 3)", "no input (try 2 of 3)", "no input (try 3 of 3)");
    }

    @Test
    void aWrongKeyIsANoMatch() {
        EngineHarness h = start(MENU);
        h.session.promptDone();
        h.session.press("7");
        h.virtual.runAll();
        assertThat(h.decisions()).containsExactly("'7' is not an option", "no match (try 1 of 3)");
        assertThat(h.session.take()).contains("say en-US: Sorry, that is not an option.");
    }

    @Test
    void aKeyDuringTheBargeablePromptStopsIt() {
        EngineHarness h = start(MENU);
        h.session.take();
        h.session.press("2");
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("cancel prompt", "cancel listen", "enqueue support");
        assertThat(h.events).anyMatch(e -> e instanceof FlowEvent.BargeIn b && b.step().equals("main"));
    }

    @Test
    void talkingDuringTheBargeablePromptStopsIt() {
        EngineHarness h = start(MENU);
        h.session.take();
        h.session.events.post(new io.switchboard.ivr.port.SessionEvent.SpeechStarted(h.session.lastListen));
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("cancel prompt");
        assertThat(h.events).filteredOn(e -> e instanceof FlowEvent.BargeIn).hasSize(1);
    }

    @Test
    void withoutBargeInTheCallerIsHeardOnlyAfterThePrompt() {
        EngineHarness h = start(MENU.replace("retries: 2", "retries: 2\n    bargeIn: false"));
        assertThat(h.session.take()).containsExactly("say en-US: For sales press 1 or say sales. For support press 2.");
        h.session.promptDone();
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("listen dtmf+speech [sales, buy, support]");
    }

    @Test
    void aQueueThatNobodyAnswersOverflowsAfterMaxWait() {
        EngineHarness h = start(MENU);
        h.session.promptDone();
        h.session.press("1");
        h.virtual.runAll();
        h.session.take();
        h.virtual.advance(Duration.ofSeconds(59));
        assertThat(h.session.take()).isEmpty();
        h.virtual.advance(Duration.ofSeconds(1));
        assertThat(h.session.take()).containsExactly("cancel op 3", "dial 1001");
        h.session.fail("busy");
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("say en-US: Sorry, please call again later.");
        h.session.promptDone();
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactly("hangup done");
        assertThat(h.outcome()).isEqualTo(new Outcome.HungUp("done"));
        assertThat(h.decisions()).contains("queue sales: nobody answered within 1m → operator", "dial 1001: busy → sorry");
    }

    @Test
    void theCallerHangingUpStopsTheFlow() {
        EngineHarness h = start(MENU);
        h.session.take();
        h.session.hangUp();
        h.virtual.runAll();
        assertThat(h.session.take()).containsExactlyInAnyOrder("cancel prompt", "cancel listen");
        assertThat(h.outcome()).isEqualTo(new Outcome.CallerHungUp("caller hung up"));
        assertThat(h.virtual.pendingTimers()).isZero();
    }

    @Test
    void everyVerbReportsStartAndFinish() {
        EngineHarness h = start("""
                flow: t
                language: en-US
                start: a
                steps:
                  a:
                    set: { n: 1 }
                  b:
                    tag: { topic: test }
                  c:
                    if: "n == 1"
                    then: d
                  d:
                    say: "n is ${n}"
                  e:
                    hangup:
                """);
        h.session.promptDone();
        h.virtual.runAll();
        assertThat(h.steps()).containsExactly("started a (set)", "finished a: next", "started b (tag)", "finished b: next",
                "started c (if)", "finished c: goto d", "started d (say)", "finished d: next", "started e (hangup)",
                "finished e: hangup (flow ended)");
        assertThat(h.session.take()).containsExactly("tag topic=test", "say en-US: n is 1", "hangup flow ended");
        assertThat(h.events.get(h.events.size() - 1)).isInstanceOf(FlowEvent.FlowEnded.class);
    }
}
