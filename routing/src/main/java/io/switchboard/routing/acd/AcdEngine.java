package io.switchboard.routing.acd;

import io.switchboard.core.lane.Lane;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The ACD: agents, queues and the matching engine, in memory. All state is confined to one
 * {@link Lane}: call the command and snapshot methods on that lane (a listener, a timer, or a task given
 * to {@link #call}); every decision is published as an {@link AcdEvent} in order. Time comes from the
 * injected clock and timers (ring timeout, wrap-up, max wait, sticky head start) are lane timers, so
 * tests drive the whole engine on a {@code VirtualLane}.
 *
 * <p>Commands that do not fit the current state return {@link Outcome.Refused} and change nothing.
 */
public final class AcdEngine {
    private final EngineCore core;
    private final Dispatch dispatch;
    private final Endings endings;
    private final AgentFlow agentFlow;

    /** An engine for {@code directory} on {@code lane}, reading time from {@code clock}. */
    public AcdEngine(AcdDirectory directory, Lane lane, InstantSource clock) {
        this.core = new EngineCore(lane, clock, directory);
        this.dispatch = new Dispatch(core);
        this.endings = new Endings(core, dispatch);
        this.agentFlow = new AgentFlow(core, dispatch);
        dispatch.wire(endings, agentFlow);
    }

    /** An engine on {@code lane}'s own clock. */
    public AcdEngine(AcdDirectory directory, Lane lane) {
        this(directory, lane, lane.clock());
    }

    /** Runs {@code command} on the engine's lane, from any thread; the stage completes on the lane. */
    public <T> CompletionStage<T> call(Function<AcdEngine, T> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        core.lane.execute(() -> {
            try {
                result.complete(command.apply(this));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Adds a listener (may be called from any thread); events reach it on the lane. */
    public void subscribe(AcdEvent.Listener listener) {
        core.subscribe(listener);
    }

    public void unsubscribe(AcdEvent.Listener listener) {
        core.unsubscribe(listener);
    }

    /** Puts a task into its queue: it is offered at once if an agent qualifies, otherwise it waits. */
    public Outcome enqueue(TaskRequest request) {
        QueueRuntime q = core.queues.get(request.queue());
        if (q == null) {
            return Outcome.refused(Outcome.Refusal.UNKNOWN_QUEUE, "no queue '" + request.queue() + "' (known: "
                    + core.queues.keySet() + ")");
        }
        if (core.tasks.containsKey(request.id())) {
            return Outcome.refused(Outcome.Refusal.DUPLICATE_TASK, "task " + request.id() + " is already in queue "
                    + core.tasks.get(request.id()).queue.id);
        }
        dispatch.enqueue(request, q);
        return Outcome.OK;
    }

    /** The customer left before an agent accepted (counted as abandoned). */
    public Outcome cancel(String taskId) {
        Task t = core.tasks.get(taskId);
        if (t == null) {
            return unknownTask(taskId);
        }
        if (t.phase == TaskPhase.ASSIGNED) {
            return Outcome.refused(Outcome.Refusal.ALREADY_ANSWERED, "task " + taskId + " was answered by "
                    + t.assignedTo.id + "; complete it instead");
        }
        endings.abandon(t);
        return Outcome.OK;
    }

    /** The agent answered the offer: the task is theirs, other ring-all offers are withdrawn. */
    public Outcome accept(String taskId, String agentId) {
        Outcome refused = offerRefusal(taskId, agentId);
        if (refused != null) {
            return refused;
        }
        dispatch.accept(core.tasks.get(taskId).offerTo(agentId));
        return Outcome.OK;
    }

    /** The agent declined the offer: the task goes to the next agent (this one is not offered it again). */
    public Outcome reject(String taskId, String agentId) {
        Outcome refused = offerRefusal(taskId, agentId);
        if (refused != null) {
            return refused;
        }
        dispatch.decline(core.tasks.get(taskId).offerTo(agentId), false);
        return Outcome.OK;
    }

    /** The agent finished the task; the slot wraps up for the queue's wrap-up time. */
    public Outcome complete(String taskId, String agentId) {
        Task t = core.tasks.get(taskId);
        return complete(taskId, agentId, t == null ? Duration.ZERO : t.queue.config.wrapUp());
    }

    /** The agent finished the task; the slot wraps up for {@code wrapUp} (zero: free at once). */
    public Outcome complete(String taskId, String agentId, Duration wrapUp) {
        Task t = core.tasks.get(taskId);
        if (t == null) {
            return unknownTask(taskId);
        }
        if (t.phase != TaskPhase.ASSIGNED || !t.assignedTo.id.equals(agentId)) {
            return Outcome.refused(Outcome.Refusal.NOT_ASSIGNED, "task " + taskId + " is not connected to agent "
                    + agentId + " (it is " + t.phase.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        endings.complete(t, wrapUp.isNegative() ? Duration.ZERO : wrapUp);
        return Outcome.OK;
    }

    public Outcome login(String agentId) {
        return presence(agentId, Presence.Command.LOGIN, null);
    }

    /** Refused while the agent holds connected tasks; ringing offers are withdrawn. */
    public Outcome logout(String agentId) {
        return presence(agentId, Presence.Command.LOGOUT, null);
    }

    /** Not ready, with a reason; tasks in progress go on, ringing offers are withdrawn. */
    public Outcome away(String agentId, String reason) {
        return presence(agentId, Presence.Command.AWAY, reason == null ? "away" : reason);
    }

    /** Ready for work again; also ends a wrap-up early. */
    public Outcome ready(String agentId) {
        return presence(agentId, Presence.Command.READY, null);
    }

    /** Adds an agent (offline) at run time, e.g. created in the admin console. */
    public Outcome addAgent(AgentConfig config) {
        if (core.agents.containsKey(config.id())) {
            return Outcome.refused(Outcome.Refusal.DUPLICATE_AGENT, "agent " + config.id() + " already exists");
        }
        core.addAgent(config);
        return Outcome.OK;
    }

    public Optional<QueueStats> queueStats(String queueId) {
        QueueRuntime q = core.queues.get(queueId);
        return q == null ? Optional.empty() : Optional.of(QueueStats.of(q, core.now()));
    }

    public List<QueueStats> queueStats() {
        long now = core.now();
        List<QueueStats> out = new ArrayList<>(core.queues.size());
        core.queues.values().forEach(q -> out.add(QueueStats.of(q, now)));
        return out;
    }

    public Optional<AgentSnapshot> agent(String agentId) {
        Agent a = core.agents.get(agentId);
        return a == null ? Optional.empty() : Optional.of(AgentSnapshot.of(a));
    }

    public List<AgentSnapshot> agents() {
        List<AgentSnapshot> out = new ArrayList<>(core.agents.size());
        core.agents.values().forEach(a -> out.add(AgentSnapshot.of(a)));
        return out;
    }

    private Outcome presence(String agentId, Presence.Command command, String reason) {
        Agent a = core.agents.get(agentId);
        if (a == null) {
            return Outcome.refused(Outcome.Refusal.UNKNOWN_AGENT, "no agent '" + agentId + "'");
        }
        return agentFlow.command(a, command, reason);
    }

    /** Why {@code taskId} has no offer to {@code agentId}, or null when it has one. */
    private Outcome offerRefusal(String taskId, String agentId) {
        Task t = core.tasks.get(taskId);
        if (t == null) {
            return unknownTask(taskId);
        }
        if (!core.agents.containsKey(agentId)) {
            return Outcome.refused(Outcome.Refusal.UNKNOWN_AGENT, "no agent '" + agentId + "'");
        }
        if (t.offerTo(agentId) == null) {
            return Outcome.refused(Outcome.Refusal.NOT_OFFERED, "task " + taskId + " is not offered to agent " + agentId
                    + " (it is " + t.phase.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return null;
    }

    private static Outcome unknownTask(String taskId) {
        return Outcome.refused(Outcome.Refusal.UNKNOWN_TASK, "no task '" + taskId + "' (it ended, or never entered a queue)");
    }
}
