package io.switchboard.customer.token;

import java.time.Instant;

/** A stored API token as the API sees it: never the secret, only its id, role and label. */
public record ApiToken(long id, Role role, String label, Instant createdAt, Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
