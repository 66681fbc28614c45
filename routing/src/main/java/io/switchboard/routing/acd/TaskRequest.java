package io.switchboard.routing.acd;

import java.util.Map;

/**
 * A piece of work handed to the ACD: a voice call that reached {@code enqueue}, or a text conversation
 * that did. The task carries only what routing needs; the app keeps the call or conversation itself.
 *
 * @param id unique while the task lives (e.g. the call's Call-ID or the conversation id)
 * @param queue the queue id
 * @param media decides which capacity slot the task takes
 * @param priority static priority from the flow (higher first; 0 is normal); the queue may escalate it
 *        with waiting time
 * @param skills extra required skills on top of the queue's (e.g. the language the IVR detected); empty
 *        for most tasks
 * @param preferredAgent the customer's last agent (sticky routing), or null; see {@link PreferredAgentSource}
 */
public record TaskRequest(String id, String queue, MediaType media, int priority, Map<String, Integer> skills,
                          String preferredAgent) {

    /** Priorities are clamped to this range so escalation arithmetic cannot overflow. */
    public static final int MAX_PRIORITY = 1_000;

    public TaskRequest {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a task needs an id");
        }
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("task " + id + " needs a queue");
        }
        if (media == null) {
            throw new IllegalArgumentException("task " + id + " needs a media type");
        }
        priority = Math.max(-MAX_PRIORITY, Math.min(MAX_PRIORITY, priority));
        skills = skills == null ? Map.of() : Map.copyOf(skills);
    }

    /** A plain voice call: normal priority, no extra skills, no preferred agent. */
    public static TaskRequest voice(String id, String queue) {
        return new TaskRequest(id, queue, MediaType.VOICE, 0, Map.of(), null);
    }

    public TaskRequest withPriority(int p) {
        return new TaskRequest(id, queue, media, p, skills, preferredAgent);
    }

    public TaskRequest withSkills(Map<String, Integer> s) {
        return new TaskRequest(id, queue, media, priority, s, preferredAgent);
    }

    public TaskRequest withPreferredAgent(String agentId) {
        return new TaskRequest(id, queue, media, priority, skills, agentId);
    }

    public TaskRequest withQueue(String q) {
        return new TaskRequest(id, q, media, priority, skills, preferredAgent);
    }

    public TaskRequest withMedia(MediaType m) {
        return new TaskRequest(id, queue, m, priority, skills, preferredAgent);
    }
}
