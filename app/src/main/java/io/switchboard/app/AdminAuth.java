package io.switchboard.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use the admin API: a request with {@code Authorization: Bearer <token>} naming the node's admin
 * token ({@code admin.bootstrapToken}, or the environment variable {@code SWITCHBOARD_ADMIN_TOKEN}).
 * Without a configured token the admin API is closed (403), never open. Tokens are compared in constant time.
 */
final class AdminAuth {
    static final String ENV = "SWITCHBOARD_ADMIN_TOKEN";

    private final byte[] token;

    AdminAuth(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** The token from the configuration, else from the environment. */
    static AdminAuth from(String configured) {
        String t = configured == null || configured.isBlank() ? System.getenv(ENV) : configured;
        return new AdminAuth(t);
    }

    boolean configured() {
        return token != null;
    }

    /** Empty when the request may go on, else the reply that refuses it (401 or 403). */
    Optional<HttpServer.Reply> refuse(HttpServer.Request request) {
        if (token == null) {
            return Optional.of(HttpServer.Reply.error(403, "the admin API is closed: set admin.bootstrapToken (or " + ENV + ")"));
        }
        String h = request.authorization();
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(HttpServer.Reply.error(401, "an admin token is required: Authorization: Bearer <token>"));
        }
        byte[] given = h.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            return Optional.of(HttpServer.Reply.error(401, "the admin token is not valid"));
        }
        return Optional.empty();
    }
}
