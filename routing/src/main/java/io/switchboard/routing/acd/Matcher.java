package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * The two decisions of the ACD, both read-only. {@link #agentsFor} answers "a task arrived (or came
 * back): who takes it?" from the skill index, starting at the rarest required skill.
 * {@link #taskFor} answers "an agent has a free slot: what do they take?" from the heads of the lines of
 * the queues they qualify for, sticky reservations first.
 */
final class Matcher {
    private final AgentIndex index;

    Matcher(AgentIndex index) {
        this.index = index;
    }

    /** The agent(s) to offer {@code t} to now: none, one, or (ring-all) every qualifying agent. */
    List<Agent> agentsFor(Task t) {
        Requirement req = t.line.requirement;
        MediaType media = t.media();
        String rarest = AgentIndex.ANY;
        int fewest = Integer.MAX_VALUE;
        for (String skill : req.skills) {
            int n = index.count(media, skill);
            if (n < fewest) {
                fewest = n;
                rarest = skill;
            }
        }
        if (fewest == 0) {
            return List.of();
        }
        Strategy strategy = t.queue.config.strategy();
        NavigableSet<Agent> candidates = index.agents(media, rarest, strategy.order());
        if (strategy == Strategy.RING_ALL) {
            List<Agent> all = new ArrayList<>();
            for (Agent a : candidates) {
                if (eligible(a, t, req)) {
                    all.add(a);
                }
            }
            return all;
        }
        if (strategy == Strategy.SKILLS_BEST_MATCH) {
            Agent best = null;
            int bestScore = -1;
            for (Agent a : candidates) {
                int score = t.queue.scoring.score(a.config);
                if (score > bestScore && eligible(a, t, req)) {
                    best = a;
                    bestScore = score;
                }
            }
            return best == null ? List.of() : List.of(best);
        }
        for (Agent a : candidates) {
            if (eligible(a, t, req)) {
                return List.of(a);
            }
        }
        return List.of();
    }

    /** The task {@code a} should be offered next for {@code media}, or null. */
    Task taskFor(Agent a, MediaType media, long now) {
        for (Task t : a.reserved) {
            if (t.media() == media) {
                return t;
            }
        }
        Task best = null;
        double bestPriority = 0;
        for (QueueRuntime q : a.queues) {
            for (WaitingLine line : q.lines(media)) {
                if (line.size() == 0 || !line.requirement.metBy(a.config)) {
                    continue;
                }
                Task head = line.firstFor(a);
                if (head == null) {
                    continue;
                }
                double p = q.effectivePriority(head, now);
                if (best == null || p > bestPriority || (p == bestPriority && head.enqueuedNanos < best.enqueuedNanos)) {
                    best = head;
                    bestPriority = p;
                }
            }
        }
        return best;
    }

    private static boolean eligible(Agent a, Task t, Requirement req) {
        return req.metBy(a.config) && !t.excludes(a);
    }
}
