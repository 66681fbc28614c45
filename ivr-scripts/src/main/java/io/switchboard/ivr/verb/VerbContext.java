package io.switchboard.ivr.verb;

import io.switchboard.core.lane.Lane.TimerHandle;
import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Scope;
import io.switchboard.ivr.port.CallSession;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.HttpFetcher;
import io.switchboard.ivr.port.SessionInfo;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * What a running verb may use: the session, timers on the call's lane, the call's variables, and the
 * ways to move on. Every method is called on the lane. After the verb has moved on (next, goTo, fail,
 * end), further moves are ignored, and its timers and pending results are dropped.
 */
public interface VerbContext {

    /** Work run on the lane that may fail with a flow error (which goes to {@code on_error}). */
    @FunctionalInterface
    interface Task {
        void run() throws FlowException;
    }

    /** A result of off-lane work, handed back on the lane: exactly one of value and failure is set. */
    @FunctionalInterface
    interface Completion<T> {
        void accept(T value, Throwable failure) throws FlowException;
    }

    SessionInfo info();

    CallSession session();

    /** A fresh operation id for a session request. */
    long newOp();

    /** Runs {@code task} on the lane after {@code delay} unless the verb has moved on. */
    TimerHandle schedule(Duration delay, Task task);

    /** Waits for off-lane work (HTTP, lookups) and handles its result on the lane, unless the verb has moved on. */
    <T> void await(CompletionStage<T> work, Completion<T> onLane);

    /** The variables, for expressions and templates. */
    Scope scope();

    /** Sets a variable (values are normalised for expressions). */
    void set(String name, Object value);

    /** The call's current language (the {@code language} variable). */
    String language();

    /** The running flow's default language and voice. */
    String flowLanguage();

    String flowVoice();

    /** The shortest wait for input this kind of session allows (long on text channels). */
    Duration inputTimeout(Duration asked);

    HttpFetcher http();

    CustomerLookup customers();

    /** Reports a decision ("menu: 2 → sales") to listeners and transcripts. */
    void note(String decision);

    /** Reports that the caller cut a prompt short. */
    void bargeIn();

    /** Moves on to this step's {@code next}, or the step below. */
    void next();

    /** Moves on to {@code step}; null means {@link #next()}. */
    void goTo(StepRef step);

    /** A run-time error: moves on to the flow's {@code on_error} step, or the safe default. */
    void fail(String reason);

    /** The flow is over. */
    void end(Outcome outcome);

    /** Leaves the running flow: back to the flow that ran it as a subflow, or the end of the call. */
    void leaveFlow();

    /** Runs another flow; when it ends this step moves on as with {@link #next()}. */
    void callFlow(String flow);
}
