package io.switchboard.routing.acd;

import java.util.Map;
import java.util.TreeMap;

/**
 * The skills (with minimum levels) an agent must have for a task: the queue's required skills merged
 * with the task's extra ones (the higher minimum wins). Kept as arrays because it is checked for every
 * candidate agent on the decision path.
 */
final class Requirement {
    final String[] skills;
    final int[] levels;

    private Requirement(Map<String, Integer> merged) {
        skills = new String[merged.size()];
        levels = new int[merged.size()];
        int i = 0;
        for (Map.Entry<String, Integer> e : merged.entrySet()) {
            skills[i] = e.getKey();
            levels[i++] = e.getValue();
        }
    }

    static Requirement of(Map<String, Integer> queue, Map<String, Integer> extra) {
        Map<String, Integer> merged = new TreeMap<>(queue);
        extra.forEach((k, v) -> merged.merge(k, v, Math::max));
        return new Requirement(merged);
    }

    boolean isEmpty() {
        return skills.length == 0;
    }

    boolean metBy(AgentConfig agent) {
        for (int i = 0; i < skills.length; i++) {
            if (agent.level(skills[i]) < levels[i]) {
                return false;
            }
        }
        return true;
    }

    /** The sum of the agent's levels in these skills (for skills-best-match). */
    int score(AgentConfig agent) {
        int s = 0;
        for (String skill : skills) {
            s += agent.level(skill);
        }
        return s;
    }
}
