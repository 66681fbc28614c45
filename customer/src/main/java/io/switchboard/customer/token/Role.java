package io.switchboard.customer.token;

import java.util.Locale;

/**
 * What an API token may do. Ordered by power: an admin may do what a supervisor may, a supervisor what
 * an agent may ({@link #allows(Role)}).
 */
public enum Role {
    AGENT, SUPERVISOR, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a token with this role may use an endpoint that requires {@code required}. */
    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown role '" + text + "'; expected admin, supervisor or agent");
        }
    }
}
