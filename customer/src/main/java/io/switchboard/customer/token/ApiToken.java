package io.switchboard.customer.token;

import java.time.Instant;

/**
 * A stored API token as the API sees it: never the secret, only its id, role, label and, for an agent
 * token bound to one ACD agent, that agent (null when not bound).
 */
public record ApiToken(long id, Role role, String label, Instant createdAt, Instant revokedAt, String agent) {
    public ApiToken(long id, Role role, String label, Instant createdAt, Instant revokedAt) {
        this(id, role, label, createdAt, revokedAt, null);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
