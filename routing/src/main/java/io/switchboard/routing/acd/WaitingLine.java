package io.switchboard.routing.acd;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * The tasks of one queue that share a media type and a requirement, in the order they should be
 * answered. Tasks with the same requirement are interchangeable for any agent, so an agent looking for
 * work reads the head of each line it qualifies for instead of scanning waiting tasks; only tasks that
 * agent already declined are skipped.
 */
final class WaitingLine {
    private static final Comparator<Task> ORDER = (x, y) -> {
        int c = Long.compare(x.orderKey, y.orderKey);
        return c != 0 ? c : Long.compare(x.seq, y.seq);
    };

    final MediaType media;
    final Requirement requirement;
    private final TreeSet<Task> tasks = new TreeSet<>(ORDER);

    WaitingLine(MediaType media, Requirement requirement) {
        this.media = media;
        this.requirement = requirement;
    }

    void add(Task t) {
        tasks.add(t);
    }

    void remove(Task t) {
        tasks.remove(t);
    }

    int size() {
        return tasks.size();
    }

    /** The first task {@code agent} may take, or null. */
    Task firstFor(Agent agent) {
        for (Task t : tasks) {
            if (!t.excludes(agent)) {
                return t;
            }
        }
        return null;
    }
}
