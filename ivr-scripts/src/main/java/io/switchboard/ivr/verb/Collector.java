package io.switchboard.ivr.verb;

import io.switchboard.core.lane.Lane.TimerHandle;
import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.port.InputSpec;
import io.switchboard.ivr.port.Prompt;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.port.SessionInfo;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Asks and listens for {@code gather} and {@code menu}: plays the prompt (cut short by a key or by the
 * caller starting to talk when barge-in is on), collects digits until the finish key, the digit count or
 * the inter-digit timeout, or takes one speech result; times out when the caller says nothing; re-asks
 * up to {@code retries} times, then goes to {@code noInput} / {@code noMatch} (or the flow's error path).
 */
final class Collector implements Execution {
    /** Below this recogniser confidence an utterance counts as not understood. */
    static final double MIN_CONFIDENCE = 0.3;

    /** Decides what an answer means and moves on; false when it does not fit. */
    @FunctionalInterface
    interface Judge {
        boolean judge(String type, String value, double confidence) throws FlowException;
    }

    private enum Miss { NO_INPUT, NO_MATCH }

    private final VerbContext ctx;
    private final Ask ask;
    private final Judge judge;
    private final ArrayDeque<Prompt> prompts = new ArrayDeque<>();
    private final StringBuilder digits = new StringBuilder();
    private int tries;
    private long promptOp;
    private long listenOp;
    private boolean heard;
    private TimerHandle timer = TimerHandle.NONE;

    Collector(VerbContext ctx, Ask ask, Judge judge) {
        this.ctx = ctx;
        this.ask = ask;
        this.judge = judge;
    }

    Execution start() throws FlowException {
        attempt(null);
        return this;
    }

    private void attempt(Text reprompt) throws FlowException {
        tries++;
        digits.setLength(0);
        heard = false;
        prompts.clear();
        if (reprompt != null) {
            prompts.add(Prompts.render(ctx, reprompt, ask.language(), ask.voice(), ask.bargeIn()));
        }
        if (ask.prompt() != null) {
            prompts.add(Prompts.render(ctx, ask.prompt(), ask.language(), ask.voice(), ask.bargeIn()));
        }
        if (bargeIn() || prompts.isEmpty()) {
            listen();
        }
        if (!playNext()) {
            waitForInput();
        }
    }

    /** Barge-in needs prompts that take time: on text channels a prompt is sent at once, so input waits for it. */
    private boolean bargeIn() {
        return ask.bargeIn() && ctx.info().media() == SessionInfo.Media.VOICE;
    }

    private boolean playNext() {
        Prompt p = prompts.poll();
        if (p == null) {
            promptOp = 0;
            return false;
        }
        promptOp = ctx.newOp();
        ctx.session().say(promptOp, p);
        return true;
    }

    private void listen() {
        if (listenOp == 0) {
            listenOp = ctx.newOp();
            String lang = ask.language() != null ? ask.language() : ctx.language();
            ctx.session().listen(listenOp, new InputSpec(ask.dtmf(), ask.speech(), ask.phrases(), lang));
        }
    }

    private void waitForInput() {
        listen();
        if (!heard) {
            arm(ctx.inputTimeout(ask.timeout()), () -> miss(Miss.NO_INPUT));
        }
    }

    @Override
    public void onEvent(SessionEvent e) throws FlowException {
        if (promptOp != 0 && e.op() == promptOp) {
            if (e instanceof SessionEvent.PromptDone && !playNext()) {
                waitForInput();
            } else if (e instanceof SessionEvent.Failed f) {
                ctx.fail("the prompt could not be played: " + f.reason());
            }
            return;
        }
        if (listenOp == 0 || e.op() != listenOp) {
            return;
        }
        if (e instanceof SessionEvent.Digit d && ask.dtmf()) {
            heard();
            if (ask.finishKey() != null && ask.finishKey().equals(String.valueOf(d.digit()))) {
                finishDigits();
            } else {
                digits.append(d.digit());
                if (digits.length() >= ask.maxDigits()) {
                    finishDigits();
                } else {
                    arm(ask.interDigitTimeout(), this::finishDigits);
                }
            }
        } else if (e instanceof SessionEvent.SpeechStarted && ask.speech()) {
            heard();
            arm(ask.speechTimeout(), () -> miss(Miss.NO_MATCH));
        } else if (e instanceof SessionEvent.Speech s && ask.speech()) {
            heard();
            stopListening();
            if (s.confidence() < MIN_CONFIDENCE || !judge.judge("speech", s.text().trim(), s.confidence())) {
                miss(Miss.NO_MATCH);
            }
        } else if (e instanceof SessionEvent.Failed f) {
            ctx.fail("listening to the caller failed: " + f.reason());
        }
    }

    /** The caller started answering: stop the prompt if it may be cut short, stop waiting for silence. */
    private void heard() {
        heard = true;
        timer.cancel();
        if (promptOp != 0) {
            ctx.session().cancel(promptOp);
            promptOp = 0;
            prompts.clear();
            ctx.bargeIn();
        }
    }

    private void finishDigits() throws FlowException {
        stopListening();
        if (digits.length() == 0) {
            miss(Miss.NO_INPUT);
        } else if (digits.length() < ask.minDigits() || !judge.judge("dtmf", digits.toString(), 1.0)) {
            miss(Miss.NO_MATCH);
        }
    }

    private void miss(Miss kind) throws FlowException {
        stopListening();
        if (promptOp != 0) {
            ctx.session().cancel(promptOp);
            promptOp = 0;
        }
        String what = kind == Miss.NO_INPUT ? "no input" : "no match";
        ctx.note(what + " (try " + tries + " of " + (ask.retries() + 1) + ")");
        if (tries <= ask.retries()) {
            attempt(kind == Miss.NO_INPUT ? ask.noInputPrompt() : ask.noMatchPrompt());
            return;
        }
        StepRef target = kind == Miss.NO_INPUT ? first(ask.noInput(), ask.noMatch()) : first(ask.noMatch(), ask.noInput());
        if (target == null) {
            ctx.fail(what + " after " + tries + " tries");
        } else {
            ctx.goTo(target);
        }
    }

    private void arm(Duration delay, VerbContext.Task task) {
        timer.cancel();
        timer = ctx.schedule(delay, task);
    }

    private void stopListening() {
        timer.cancel();
        if (listenOp != 0) {
            ctx.session().cancel(listenOp);
            listenOp = 0;
        }
    }

    private static StepRef first(StepRef a, StepRef b) {
        return a != null ? a : b;
    }

    @Override
    public void kill() {
        stopListening();
        if (promptOp != 0) {
            ctx.session().cancel(promptOp);
            promptOp = 0;
        }
    }
}
