package io.switchboard.app;

import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.token.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Who may use the admin API: a request with {@code Authorization: Bearer <token>} naming either the
 * node's bootstrap token ({@code admin.bootstrapToken}, or the environment variable
 * {@code SWITCHBOARD_ADMIN_TOKEN}; an admin, compared in constant time) or a live token of the
 * {@link io.switchboard.customer.token.TokenStore} (checked on the storage executor, by hash). Roles are
 * ordered: admin &gt; supervisor &gt; agent. No token at all is 401, a token without the role 403.
 */
final class AdminAuth {
    static final String ENV = "SWITCHBOARD_ADMIN_TOKEN";

    /**
     * Who made a request: the token's role, a name for audit records and, for an agent token bound to one
     * ACD agent, that agent (null otherwise: such a token may act for any agent its role allows).
     */
    record Principal(Role role, String actor, String agent) {
        Principal(Role role, String actor) {
            this(role, actor, null);
        }

        /** Refuses (403) acting as {@code agentId} when the token is bound to another agent. */
        void mayActAs(String agentId) {
            if (agent != null && !agent.equals(agentId)) {
                throw new ApiException(403, "this token is bound to agent '" + agent + "' and cannot act as '" + agentId + "'");
            }
        }
    }

    private final byte[] token;
    private final AsyncCustomers store;

    AdminAuth(String token, AsyncCustomers store) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        this.store = store;
    }

    AdminAuth(String token) {
        this(token, null);
    }

    /** The bootstrap token from the configuration, else from the environment; empty when neither is set. */
    static Optional<String> bootstrapToken(String configured) {
        String t = configured == null || configured.isBlank() ? System.getenv(ENV) : configured;
        return t == null || t.isBlank() ? Optional.empty() : Optional.of(t.strip());
    }

    static AdminAuth from(String configured, AsyncCustomers store) {
        return new AdminAuth(bootstrapToken(configured).orElse(null), store);
    }

    boolean configured() {
        return token != null;
    }

    /** The request's principal when it holds a token with at least {@code required}; else fails with a 401 or 403 {@link ApiException}. */
    CompletableFuture<Principal> authenticate(HttpServer.Request request, Role required) {
        String h = request.authorization();
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
            return CompletableFuture.failedFuture(new ApiException(401, "a token is required: Authorization: Bearer <token>"));
        }
        String given = h.substring(7).trim();
        if (token != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token)) {
            return CompletableFuture.completedFuture(new Principal(Role.ADMIN, "bootstrap"));
        }
        if (store == null) {
            return CompletableFuture.failedFuture(token == null
                    ? new ApiException(403, "the admin API is closed: set admin.bootstrapToken (or " + ENV + ")")
                    : new ApiException(401, "the token is not valid"));
        }
        return store.verifyToken(given).thenApply(t -> {
            if (t.isEmpty()) {
                throw new ApiException(401, "the token is not valid (unknown or revoked)");
            }
            if (!t.get().role().allows(required)) {
                throw new ApiException(403, "this needs the " + required.wire() + " role; the token is " + t.get().role().wire());
            }
            return new Principal(t.get().role(), "token:" + t.get().id() + ":" + t.get().label(), t.get().agent());
        });
    }
}
