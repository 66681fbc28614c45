package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A queue's live state: its waiting lines (one per media type and extra-skill requirement), every
 * unanswered task by age (for max size and longest wait), the agents who qualify, and the counters
 * behind {@link QueueStats}.
 *
 * <p>Escalation without re-sorting: with one priority point per {@code E} nanoseconds of waiting, a
 * task's effective priority at time {@code now} is {@code p + (now - t) / E}, so comparing two tasks of
 * the same queue never depends on {@code now}: the order of {@code t - p·E} is the answer order. A task
 * keeps that key for its whole stay; only heads of different queues are compared at {@code now}.
 */
final class QueueRuntime {
    final QueueConfig config;
    final String id;
    final Requirement required;
    final Requirement scoring;
    final long escalateNanos;
    final long slaNanos;
    final List<Agent> members = new ArrayList<>();
    final TreeSet<Task> unanswered = new TreeSet<>((x, y) -> Long.compare(x.seq, y.seq));
    private final Map<LineKey, WaitingLine> lines = new HashMap<>();
    private final List<List<WaitingLine>> linesByMedia = new ArrayList<>();
    long entered;
    long answered;
    long answeredInSla;
    long abandoned;
    long abandonedAfterSla;
    long overflowed;

    private record LineKey(MediaType media, Map<String, Integer> extra) { }

    QueueRuntime(QueueConfig config) {
        this.config = config;
        this.id = config.id();
        this.required = Requirement.of(config.required(), Map.of());
        this.scoring = Requirement.of(config.required(), config.preferred());
        this.escalateNanos = config.escalateEvery().toNanos();
        this.slaNanos = config.slaTarget().toNanos();
        for (MediaType ignored : MediaType.values()) {
            linesByMedia.add(new ArrayList<>(1));
        }
    }

    WaitingLine line(MediaType media, Map<String, Integer> extra) {
        return lines.computeIfAbsent(new LineKey(media, extra), k -> {
            WaitingLine l = new WaitingLine(media, Requirement.of(config.required(), extra));
            linesByMedia.get(media.ordinal()).add(l);
            return l;
        });
    }

    List<WaitingLine> lines(MediaType media) {
        return linesByMedia.get(media.ordinal());
    }

    /** The position key of a task entering at {@code enqueued} with static {@code priority}; lower goes first. */
    long orderKey(int priority, long enqueued) {
        return escalateNanos > 0 ? enqueued - priority * escalateNanos : -priority;
    }

    /** The priority of {@code t} at {@code now}, escalation included, to compare heads across queues. */
    double effectivePriority(Task t, long now) {
        int p = t.request.priority();
        return escalateNanos > 0 ? p + (double) (now - t.enqueuedNanos) / escalateNanos : p;
    }

    int waiting() {
        return unanswered.size();
    }
}
