package io.switchboard.routing.acd;

import java.util.Comparator;

/**
 * The orderings the skill index keeps its available agents in, one per family of strategies. The keys
 * ({@code idleSince}, {@code used}, {@code lastOffer}) change only while the agent is out of the index
 * (the engine detaches, mutates and re-attaches), so the sorted sets stay consistent. The agent's
 * sequence number breaks ties, which makes every ordering total and every decision deterministic.
 */
enum AgentOrder {
    IDLE(Comparator.comparingLong((Agent a) -> a.idleSince).thenComparingInt(a -> a.seq)),
    OCCUPANCY(Comparator.comparingInt((Agent a) -> a.usedTotal())
            .thenComparingLong(a -> a.idleSince).thenComparingInt(a -> a.seq)),
    ROUND_ROBIN(Comparator.comparingLong((Agent a) -> a.lastOffer).thenComparingInt(a -> a.seq));

    final Comparator<Agent> comparator;

    AgentOrder(Comparator<Agent> comparator) {
        this.comparator = comparator;
    }
}
