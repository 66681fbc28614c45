package io.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.token.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * API tokens (admin token only):
 * <pre>
 * GET    /api/tokens                     every token (id, role, label, agent, createdAt, revokedAt), never a secret
 * POST   /api/tokens      {role, label[, agent]}   201 {id, role, label, createdAt, secret}: the secret is shown
 *                                          this once; {@code agent} binds an agent token to that ACD agent only
 * DELETE /api/tokens/ID                   revoke; 404 for an unknown id
 * </pre>
 */
final class TokensRoute extends ApiRoute {
    private static final String BASE = "/api/tokens";

    private final AsyncCustomers customers;

    TokensRoute(AdminAuth auth, AsyncCustomers customers) {
        super(auth, Role.ADMIN, BASE);
        this.customers = customers;
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        if (r.path().equals(BASE)) {
            if (r.method().equals("GET")) {
                return customers.tokens().thenApply(list -> new HttpServer.Reply(200,
                        Map.of("tokens", list.stream().map(ApiJson::token).toList())));
            }
            return r.method().equals("POST") ? create(r) : now(notAllowed(r, "GET, POST"));
        }
        String[] p = r.path().substring(BASE.length() + 1).split("/");
        if (p.length != 1) {
            return now(HttpServer.Reply.error(404, "no such token API path: " + r.path()));
        }
        if (!r.method().equals("DELETE")) {
            return now(notAllowed(r, "DELETE"));
        }
        long id = id("token", p[0]);
        return customers.revokeToken(id).thenApply(revoked -> new HttpServer.Reply(200, Map.of("id", id, "revoked", true,
                "alreadyRevoked", !revoked)));
    }

    private CompletableFuture<HttpServer.Reply> create(HttpServer.Request r) {
        JsonNode body = ApiJson.body(r);
        String roleText = ApiJson.text(body, "role", true);
        String label = ApiJson.text(body, "label", true);
        Role role;
        try {
            role = Role.parse(roleText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("role", e.getMessage());
        }
        if (label.length() > 200) {
            throw ApiException.badField("label", "at most 200 characters");
        }
        String agent = ApiJson.text(body, "agent", false);
        if (agent != null && role != Role.AGENT) {
            throw ApiException.badField("agent", "only an agent token can be bound to an agent (role is " + role.wire() + ")");
        }
        if (agent != null && (agent.isBlank() || agent.length() > 100)) {
            throw ApiException.badField("agent", "1 to 100 characters");
        }
        return customers.createToken(role, label, agent).thenApply(t -> {
            Map<String, Object> m = new LinkedHashMap<>(ApiJson.token(t.token()));
            m.put("secret", t.secret());
            return new HttpServer.Reply(201, m);
        });
    }
}
