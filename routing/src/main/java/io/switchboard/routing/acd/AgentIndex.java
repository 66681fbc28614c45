package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agents who could take a task of a media type right now, by skill, each set sorted by the
 * orderings the configured strategies use. Finding an agent starts from the smallest set among the
 * task's required skills and stops at the first agent who meets the rest, so a decision reads a few
 * entries instead of every agent. Agents without spare capacity are not in the index at all.
 */
final class AgentIndex {
    /** The pseudo-skill every agent has, for queues that require no skill. */
    static final String ANY = "*";

    private final AgentOrder[] orders;
    private final boolean indexAny;
    private final List<Map<String, Bucket>> byMedia = new ArrayList<>();

    /** The agents of one (media, skill), in each ordering in use. */
    private final class Bucket {
        @SuppressWarnings("unchecked")
        final NavigableSet<Agent>[] sets = new NavigableSet[AgentOrder.values().length];

        Bucket() {
            for (AgentOrder o : orders) {
                sets[o.ordinal()] = new TreeSet<>(o.comparator);
            }
        }
    }

    /**
     * @param inUse the orderings the configured strategies walk (only those are maintained)
     * @param indexAny whether some queue requires no skill, so the {@link #ANY} sets are needed
     */
    AgentIndex(Set<AgentOrder> inUse, boolean indexAny) {
        this.indexAny = indexAny;
        this.orders = (inUse.isEmpty() ? EnumSet.of(AgentOrder.IDLE) : EnumSet.copyOf(inUse)).toArray(new AgentOrder[0]);
        for (MediaType ignored : MediaType.values()) {
            byMedia.add(new HashMap<>());
        }
    }

    /** Adds {@code a} under every skill for every media type it has a free slot of. */
    void attach(Agent a) {
        for (MediaType m : MediaType.values()) {
            if (a.offerable(m)) {
                a.indexedMask |= 1 << m.ordinal();
                Map<String, Bucket> skills = byMedia.get(m.ordinal());
                for (String skill : a.config.skills().keySet()) {
                    add(skills.computeIfAbsent(skill, k -> new Bucket()), a);
                }
                if (indexAny) {
                    add(skills.computeIfAbsent(ANY, k -> new Bucket()), a);
                }
            }
        }
    }

    /** Removes {@code a} from where {@link #attach} put it (its keys must not have changed since). */
    void detach(Agent a) {
        for (MediaType m : MediaType.values()) {
            if ((a.indexedMask & (1 << m.ordinal())) != 0) {
                Map<String, Bucket> skills = byMedia.get(m.ordinal());
                for (String skill : a.config.skills().keySet()) {
                    remove(skills.get(skill), a);
                }
                if (indexAny) {
                    remove(skills.get(ANY), a);
                }
            }
        }
        a.indexedMask = 0;
    }

    /** The offerable agents of {@code media} with {@code skill} (any level), in {@code order}. */
    NavigableSet<Agent> agents(MediaType media, String skill, AgentOrder order) {
        Bucket b = byMedia.get(media.ordinal()).get(skill);
        if (b == null) {
            return Collections.emptyNavigableSet();
        }
        NavigableSet<Agent> set = b.sets[order.ordinal()];
        if (set == null) {
            throw new IllegalStateException("agent order " + order + " is not indexed");
        }
        return set;
    }

    int count(MediaType media, String skill) {
        Bucket b = byMedia.get(media.ordinal()).get(skill);
        return b == null ? 0 : b.sets[orders[0].ordinal()].size();
    }

    private void add(Bucket b, Agent a) {
        for (AgentOrder o : orders) {
            b.sets[o.ordinal()].add(a);
        }
    }

    private void remove(Bucket b, Agent a) {
        for (AgentOrder o : orders) {
            b.sets[o.ordinal()].remove(a);
        }
    }
}
