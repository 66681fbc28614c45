package io.switchboard.routing.acd;

import java.util.Comparator;

/**
 * The orderings the skill index keeps its available agents in, one per family of strategies. The keys
 * ({@code idleSince}, {@code used}, {@code lastOffer}) change only while the agent is out of the index
 * (the engine detaches, mutates and re-attaches), so the sorted sets stay consistent. The agent's
 * sequence number breaks ties, which makes every ordering total and every decision deterministic.
 */
enum AgentOrder {
    IDLE {
        @Override
        int compare(Agent x, Agent y) {
            int c = Long.compare(x.idleSince, y.idleSince);
            return c != 0 ? c : Integer.compare(x.seq, y.seq);
        }
    },
    OCCUPANCY {
        @Override
        int compare(Agent x, Agent y) {
            int c = Integer.compare(x.usedTotal(), y.usedTotal());
            return c != 0 ? c : IDLE.compare(x, y);
        }
    },
    ROUND_ROBIN {
        @Override
        int compare(Agent x, Agent y) {
            int c = Long.compare(x.lastOffer, y.lastOffer);
            return c != 0 ? c : Integer.compare(x.seq, y.seq);
        }
    };

    final Comparator<Agent> comparator = this::compare;

    abstract int compare(Agent x, Agent y);
}
