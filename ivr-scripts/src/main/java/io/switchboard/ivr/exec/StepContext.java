package io.switchboard.ivr.exec;

import io.switchboard.core.lane.Lane.TimerHandle;
import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Scope;
import io.switchboard.ivr.expr.Values;
import io.switchboard.ivr.port.CallSession;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.HttpFetcher;
import io.switchboard.ivr.port.SessionInfo;
import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.Step;
import io.switchboard.ivr.verb.Execution;
import io.switchboard.ivr.verb.Outcome;
import io.switchboard.ivr.verb.StepRef;
import io.switchboard.ivr.verb.VerbContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VerbContext} of one step on one call. It is active until the verb moves on; after that
 * its timers are cancelled, late results are dropped and further moves are ignored, so a verb never has
 * to guard against its own stale callbacks.
 */
final class StepContext implements VerbContext {
    private static final Logger LOG = LoggerFactory.getLogger(StepContext.class);

    private final FlowRun run;
    private final Flow flow;
    private final Step step;
    private final List<TimerHandle> timers = new ArrayList<>();
    private boolean active = true;

    StepContext(FlowRun run, Flow flow, Step step) {
        this.run = run;
        this.flow = flow;
        this.step = step;
    }

    boolean active() {
        return active && !run.over();
    }

    Flow flow() {
        return flow;
    }

    Step step() {
        return step;
    }

    void deactivate() {
        active = false;
        timers.forEach(TimerHandle::cancel);
        timers.clear();
    }

    /** Runs verb code on the lane; a flow error or a bug in it fails the step instead of the lane. */
    void guard(Task task) {
        if (!active()) {
            return;
        }
        try {
            task.run();
        } catch (FlowException e) {
            fail(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("call {}: step {} failed", run.callId(), step.name(), e);
            fail("internal error in " + step.verb().name() + ": " + e);
        }
    }

    @Override
    public SessionInfo info() {
        return run.info();
    }

    @Override
    public CallSession session() {
        return run.session();
    }

    @Override
    public long newOp() {
        return run.newOp();
    }

    @Override
    public TimerHandle schedule(Duration delay, Task task) {
        TimerHandle h = run.lane().schedule(delay, () -> guard(task));
        timers.add(h);
        return h;
    }

    @Override
    public <T> void await(CompletionStage<T> work, Completion<T> onLane) {
        run.workStarted();
        work.whenComplete((value, failure) -> run.lane().execute(() -> {
            run.workDone();
            guard(() -> onLane.accept(value, failure));
        }));
    }

    @Override
    public Scope scope() {
        return run.scope();
    }

    @Override
    public void set(String name, Object value) {
        run.setVariable(name, value);
    }

    @Override
    public String language() {
        Object l = run.scope().lookup("language");
        return Values.isNull(l) || Values.text(l).isEmpty() ? flow.language() : Values.text(l);
    }

    @Override
    public String flowLanguage() {
        return flow.language();
    }

    @Override
    public String flowVoice() {
        return flow.voice();
    }

    @Override
    public Duration inputTimeout(Duration asked) {
        Duration min = run.engine().limits().minInputTimeout();
        return asked.compareTo(min) >= 0 ? asked : min;
    }

    @Override
    public HttpFetcher http() {
        return run.engine().http();
    }

    @Override
    public CustomerLookup customers() {
        return run.engine().customers();
    }

    @Override
    public void note(String decision) {
        run.emit(new FlowEvent.Decision(run.callId(), flow.name(), step.name(), decision, run.lane().clock().instant()));
    }

    @Override
    public void bargeIn() {
        run.emit(new FlowEvent.BargeIn(run.callId(), flow.name(), step.name(), run.lane().clock().instant()));
    }

    @Override
    public void next() {
        if (active()) {
            run.finishStep(this, "next");
            run.moveTo(flow.successor(step));
        }
    }

    @Override
    public void goTo(StepRef target) {
        if (target == null) {
            next();
        } else if (active()) {
            run.finishStep(this, "goto " + target.step());
            run.moveTo(flow.step(target.step()));
        }
    }

    @Override
    public void fail(String reason) {
        if (active()) {
            run.failStep(this, reason);
        }
    }

    @Override
    public void end(Outcome outcome) {
        if (active()) {
            run.finishStep(this, outcome.describe());
            run.end(outcome);
        }
    }

    @Override
    public void leaveFlow() {
        if (active()) {
            run.finishStep(this, "return");
            run.moveTo(null);
        }
    }

    @Override
    public void callFlow(String name) {
        if (active()) {
            run.finishStep(this, "subflow " + name);
            run.callFlow(step, name);
        }
    }
}
