package io.switchboard.routing.acd;

import java.util.Locale;

/**
 * How a queue chooses among the agents that qualify for a task. Each strategy walks one ordering of the
 * skill index ({@link AgentOrder}), so picking an agent reads the head of an ordered set instead of
 * scanning agents; only skills-best-match scores the candidates of the rarest required skill.
 */
public enum Strategy {
    /** The agent idle the longest (since their last task or since becoming ready). */
    LONGEST_IDLE(AgentOrder.IDLE),
    /** The agent holding the fewest tasks over all media, then the longest idle. */
    LEAST_OCCUPIED(AgentOrder.OCCUPANCY),
    /** The agent with the highest sum of levels in the queue's required and preferred skills. */
    SKILLS_BEST_MATCH(AgentOrder.IDLE),
    /** The agent offered work the longest time ago, so offers rotate through the team. */
    ROUND_ROBIN(AgentOrder.ROUND_ROBIN),
    /** Every qualifying agent at once; the first to accept wins and the other offers are withdrawn. */
    RING_ALL(AgentOrder.IDLE);

    private final AgentOrder order;

    Strategy(AgentOrder order) {
        this.order = order;
    }

    AgentOrder order() {
        return order;
    }

    /** The YAML spelling: {@code longest-idle}, {@code ring-all}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Strategy parse(String text) {
        for (Strategy s : values()) {
            if (s.key().equals(text.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + text
                + "' (expected longest-idle, least-occupied, skills-best-match, round-robin or ring-all)");
    }
}
