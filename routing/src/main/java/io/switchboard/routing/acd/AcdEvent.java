package io.switchboard.routing.acd;

import java.util.List;

/**
 * Every decision and change of the ACD, as a small value. The voice session (and later the text bridge)
 * consumes offers and withdrawals and answers with commands; dashboards and the CDR consume the rest.
 * Events are published on the engine's lane, in the order the engine decided them.
 */
public sealed interface AcdEvent {

    /** Receives events on the engine's lane; it must not block (hop to another executor for I/O). */
    @FunctionalInterface
    interface Listener {
        void on(AcdEvent event);
    }

    /** A task entered a queue (also after an overflow into another queue). */
    record TaskQueued(String taskId, String queue, MediaType media, int priority) implements AcdEvent { }

    /** Ring this agent (for voice: their {@code extensions}); answer with accept or reject. */
    record TaskOffered(String taskId, String queue, MediaType media, String agentId, List<String> extensions)
            implements AcdEvent { }

    /** The agent took the task; {@code waitMillis} is the time from entering the queue. */
    record TaskAccepted(String taskId, String queue, String agentId, long waitMillis) implements AcdEvent { }

    /** The agent declined; the task goes on to the next agent. */
    record TaskRejected(String taskId, String queue, String agentId) implements AcdEvent { }

    /** The agent did not answer within the ring timeout; the task goes on to the next agent. */
    record OfferTimedOut(String taskId, String queue, String agentId, int consecutiveMisses) implements AcdEvent { }

    /** Stop ringing this agent: another agent accepted first (ring-all), or the task ended. */
    record OfferWithdrawn(String taskId, String queue, String agentId) implements AcdEvent { }

    /** The task left the queue unanswered because of {@code reason} ({@code max_wait}, {@code max_size}). */
    record TaskOverflowed(String taskId, String queue, String target, String reason) implements AcdEvent { }

    /** The caller hung up (or the conversation closed) before an agent accepted. */
    record TaskAbandoned(String taskId, String queue, long waitMillis) implements AcdEvent { }

    /** The agent finished the task; their slot is in wrap-up for {@code wrapUpMillis}. */
    record TaskCompleted(String taskId, String queue, String agentId, long wrapUpMillis) implements AcdEvent { }

    /** The agent's derived state changed; {@code reason} is the away reason, or null. */
    record AgentStateChanged(String agentId, AgentState from, AgentState to, String reason) implements AcdEvent { }

    /** Something counted in the queue's statistics changed; read {@link QueueStats} for the rest. */
    record QueueStatsChanged(String queue, int waiting) implements AcdEvent { }
}
