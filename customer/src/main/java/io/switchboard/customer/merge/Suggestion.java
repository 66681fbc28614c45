package io.switchboard.customer.merge;

import java.time.Instant;

/**
 * Two customers that may be the same person on weak evidence (same name, an unverified identifier seen
 * with another customer's). Shown to an agent or supervisor; never merged automatically.
 * {@code customerA < customerB}.
 */
public record Suggestion(long id, long customerA, long customerB, String reason, Instant createdAt) {
}
