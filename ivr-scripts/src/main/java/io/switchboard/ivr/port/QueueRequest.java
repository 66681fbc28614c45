package io.switchboard.ivr.port;

import java.time.Duration;
import java.util.List;

/**
 * A request to wait for an agent.
 *
 * @param queue         the ACD queue
 * @param priority      higher is served first (0–10)
 * @param skills        skills the agent must have
 * @param holdMusic     audio file played while waiting, or null for the queue's default
 * @param announcement  text repeated while waiting (already rendered), or null
 * @param announceEvery how often to repeat it
 * @param maxWait       the engine gives up after this (and cancels the operation)
 * @param language      the caller's language
 */
public record QueueRequest(String queue, int priority, List<String> skills, String holdMusic, String announcement,
        Duration announceEvery, Duration maxWait, String language) {
    public QueueRequest {
        skills = List.copyOf(skills);
    }
}
