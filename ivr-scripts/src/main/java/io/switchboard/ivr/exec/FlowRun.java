package io.switchboard.ivr.exec;

import io.switchboard.core.lane.Lane;
import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Values;
import io.switchboard.ivr.port.CallSession;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.port.SessionEvents;
import io.switchboard.ivr.port.SessionInfo;
import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.script.FlowVersion;
import io.switchboard.ivr.script.Step;
import io.switchboard.ivr.verb.Dial;
import io.switchboard.ivr.verb.Enqueue;
import io.switchboard.ivr.verb.Execution;
import io.switchboard.ivr.verb.Outcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One flow running on one call, owned by the call's lane: the current step and its verb, the stack of
 * flows (a subflow returns to its caller), the variables and the safety limits. Session results arrive
 * through {@link #post} from any thread and are handled on the lane. Moving from step to step is a lane
 * task too, so a chain of instant steps never grows the stack.
 *
 * <p>Errors: a verb's failure goes to the nearest {@code on_error} step (current flow, then its callers);
 * more than {@value #MAX_ERRORS} errors, an error without {@code on_error}, too many steps or too long in
 * the flow go to the safe default (apology, default queue, hang up).
 */
public final class FlowRun implements SessionEvents {
    static final int MAX_ERRORS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(FlowRun.class);

    private record Frame(Flow flow, Step caller) {
    }

    private final FlowEngine engine;
    private final FlowSet flows;
    private final CallSession session;
    private final Lane lane;
    private final FlowListener listener;
    private final SessionInfo info;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private CallScope scope;
    private Step step;
    private StepContext ctx;
    private Execution exec;
    private Outcome outcome;
    private Lane.TimerHandle limit = Lane.TimerHandle.NONE;
    private int steps;
    private int errors;
    private long ops;
    private boolean safeMode;
    private boolean overtime;
    private volatile int pending;

    FlowRun(FlowEngine engine, FlowSet flows, CallSession session, Lane lane, FlowListener listener) {
        this.engine = engine;
        this.flows = flows;
        this.session = session;
        this.lane = lane;
        this.listener = listener;
        this.info = session.info();
    }

    /** Hands a session result to the flow (any thread). */
    @Override
    public void post(SessionEvent event) {
        lane.execute(() -> onSessionEvent(event));
    }

    /** How the flow ended, once it has. Read on the lane. */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Off-lane work (HTTP, lookups) still running: a simulator waits for it rather than advancing time. */
    public int pendingWork() {
        return pending;
    }

    /** The call's id. */
    public String callId() {
        return info.callId();
    }

    void begin(String name, java.util.Map<String, Object> presets) {
        session.attach(this);
        Optional<FlowVersion> v = flows.get(name);
        String language = v.map(x -> x.flow().language()).orElse("en-US");
        scope = new CallScope(info, language, () -> lane.clock().instant());
        presets.forEach(scope::set);
        scope.follow(() -> current().name(), () -> current().timezone());
        limit = lane.schedule(engine.limits().maxDuration(), this::overtime);
        if (v.isEmpty()) {
            LOG.warn("call {}: no flow called '{}': safe default", info.callId(), name);
            safeDefault("there is no flow called '" + name + "'");
            return;
        }
        LOG.info("call {}: flow {} v{} for {} → {}", info.callId(), name, v.get().version(), info.caller(), info.dnis());
        emit(new FlowEvent.FlowStarted(info.callId(), name, v.get().version(), lane.clock().instant()));
        enter(v.get().flow(), null);
        run(current().step(current().start().step()));
    }

    private Flow current() {
        return frames.peek().flow();
    }

    private void enter(Flow flow, Step caller) {
        frames.push(new Frame(flow, caller));
        flow.variables().forEach(scope::setIfAbsent);
    }

    /** Starts {@code target}'s verb; null is the end of the current flow. */
    private void run(Step target) {
        if (outcome != null) {
            return;
        }
        if (target == null) {
            endOfFlow();
            return;
        }
        if (!safeMode && ++steps > engine.limits().maxSteps()) {
            safeDefault("the flow went through more than " + engine.limits().maxSteps() + " steps");
            return;
        }
        if (!safeMode && overtime) {
            safeDefault("the call was in the flow longer than " + engine.limits().maxDuration());
            return;
        }
        step = target;
        ctx = new StepContext(this, current(), target);
        exec = null;
        emit(new FlowEvent.StepStarted(info.callId(), current().name(), target.name(), target.verb().name(),
                lane.clock().instant()));
        StepContext mine = ctx;
        try {
            Execution e = target.verb().execute(mine);
            if (mine.active()) {
                exec = e;
            }
        } catch (FlowException e) {
            mine.fail(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("call {}: step {} failed", info.callId(), target.name(), e);
            mine.fail("internal error in " + target.verb().name() + ": " + e);
        }
    }

    private void onSessionEvent(SessionEvent e) {
        if (outcome != null) {
            return;
        }
        if (e instanceof SessionEvent.Hangup h) {
            stopStep("caller hung up");
            end(new Outcome.CallerHungUp(h.reason()));
            return;
        }
        if (exec != null) {
            StepContext mine = ctx;
            mine.guard(() -> exec.onEvent(e));
        }
    }

    /** The current step is over: its timers and late results are dropped, listeners are told. */
    void finishStep(StepContext c, String result) {
        c.deactivate();
        if (c == ctx) {
            exec = null;
        }
        emit(new FlowEvent.StepFinished(info.callId(), c.flow().name(), c.step().name(), c.step().verb().name(), result,
                lane.clock().instant()));
    }

    private void stopStep(String result) {
        if (ctx != null && ctx.active()) {
            Execution e = exec;
            finishStep(ctx, result);
            if (e != null) {
                e.kill();
            }
        }
    }

    /** A step failed: it is stopped (what it asked of the session is cancelled), then {@link #fail}. */
    void failStep(StepContext c, String reason) {
        Execution e = c == ctx ? exec : null;
        finishStep(c, "error: " + reason);
        if (e != null) {
            e.kill();
        }
        fail(reason);
    }

    /** Continues with {@code target} (of the flow the step belongs to) on a fresh lane task. */
    void moveTo(Step target) {
        lane.execute(() -> run(target));
    }

    private void endOfFlow() {
        Frame done = frames.pop();
        if (done.caller() != null && !frames.isEmpty()) {
            emit(new FlowEvent.Decision(info.callId(), current().name(), done.caller().name(),
                    "back from subflow " + done.flow().name(), lane.clock().instant()));
            moveTo(current().successor(done.caller()));
            return;
        }
        frames.push(done);
        session.hangup("end of flow");
        end(new Outcome.HungUp("end of flow"));
    }

    void callFlow(Step caller, String name) {
        Optional<FlowVersion> v = flows.get(name);
        if (v.isEmpty()) {
            fail("there is no flow called '" + name + "'");
            return;
        }
        if (frames.size() >= engine.limits().maxSubflowDepth()) {
            fail("subflows are nested more than " + engine.limits().maxSubflowDepth() + " deep");
            return;
        }
        enter(v.get().flow(), caller);
        emit(new FlowEvent.FlowStarted(info.callId(), name, v.get().version(), lane.clock().instant()));
        moveTo(current().step(current().start().step()));
    }

    /** A run-time error: the nearest {@code on_error}, else the safe default. */
    void fail(String reason) {
        errors++;
        String where = step == null ? "" : step.name();
        LOG.warn("call {}: flow {} step {}: {}", info.callId(), frames.isEmpty() ? "-" : current().name(), where, reason);
        emit(new FlowEvent.Error(info.callId(), frames.isEmpty() ? "" : current().name(), where, reason,
                lane.clock().instant()));
        scope.set("error", reason);
        if (safeMode) {
            boolean apologising = step != null && step.name().equals("apology") && current() == engine.safeFlow();
            if (apologising) {
                moveTo(current().step("queue"));
            } else {
                session.hangup("error in the safe default");
                end(new Outcome.HungUp("error in the safe default: " + reason));
            }
            return;
        }
        if (errors <= MAX_ERRORS) {
            while (frames.size() > 1 && current().onError() == null) {
                frames.pop();
            }
            if (current().onError() != null) {
                moveTo(current().step(current().onError().step()));
                return;
            }
        }
        safeDefault(reason);
    }

    private void safeDefault(String reason) {
        stopStep("stopped: " + reason);
        safeMode = true;
        LOG.warn("call {}: safe default ({})", info.callId(), reason);
        emit(new FlowEvent.Decision(info.callId(), frames.isEmpty() ? "" : current().name(),
                step == null ? "" : step.name(), "safe default: " + reason, lane.clock().instant()));
        scope.setIfAbsent("error", reason);
        frames.push(new Frame(engine.safeFlow(), null));
        moveTo(engine.safeFlow().step("apology"));
    }

    private void overtime() {
        overtime = true;
        if (safeMode || outcome != null || step == null) {
            return;
        }
        if (ctx != null && ctx.active() && (step.verb() instanceof Enqueue || step.verb() instanceof Dial)) {
            return;
        }
        safeDefault("the call was in the flow longer than " + engine.limits().maxDuration());
    }

    /** The flow is over. */
    void end(Outcome how) {
        if (outcome != null) {
            return;
        }
        outcome = how;
        stopStep(how.describe());
        limit.cancel();
        LOG.info("call {}: flow over after {} steps: {}", info.callId(), steps, how.describe());
        emit(new FlowEvent.FlowEnded(info.callId(), how, steps, lane.clock().instant()));
    }

    void emit(FlowEvent e) {
        try {
            listener.onEvent(e);
        } catch (RuntimeException ex) {
            LOG.warn("call {}: a flow listener failed", info.callId(), ex);
        }
    }

    void setVariable(String name, Object value) {
        scope.set(name, value);
        emit(new FlowEvent.VariableSet(info.callId(), name, Values.toJava(scope.lookup(name)), lane.clock().instant()));
    }

    long newOp() {
        return ++ops;
    }

    void workStarted() {
        pending++;
    }

    void workDone() {
        pending--;
    }

    FlowEngine engine() {
        return engine;
    }

    CallSession session() {
        return session;
    }

    SessionInfo info() {
        return info;
    }

    Lane lane() {
        return lane;
    }

    CallScope scope() {
        return scope;
    }

    boolean over() {
        return outcome != null;
    }
}
