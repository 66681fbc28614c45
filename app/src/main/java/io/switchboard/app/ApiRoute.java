package io.switchboard.app;

import io.switchboard.customer.token.Role;
import java.util.concurrent.CompletableFuture;

/**
 * A route of the authenticated JSON API: the token is checked first (the role the request needs comes
 * from {@link #role}), then {@link #serve} answers, usually from the storage executor, and every failure
 * becomes a consistent error through {@link ApiErrors}. Never blocks the HTTP event loop.
 */
abstract class ApiRoute implements HttpServer.Route {
    protected final AdminAuth auth;
    private final Role role;
    private final String prefix;

    /** A route answering {@code prefix} and the paths below it, for tokens holding {@code role} (or a higher one). */
    ApiRoute(AdminAuth auth, Role role, String prefix) {
        this.auth = auth;
        this.role = role;
        this.prefix = prefix;
    }

    @Override
    public String path() {
        return prefix;
    }

    @Override
    public boolean matches(String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** The path segments after this route's prefix: {@code /api/acd/agents/a1} under {@code /api/acd} gives {@code [agents, a1]}. */
    String[] segments(HttpServer.Request r) {
        String rest = r.path().length() > prefix.length() ? r.path().substring(prefix.length() + 1) : "";
        return rest.isEmpty() ? new String[] {""} : rest.split("/");
    }

    /** The role {@code request} needs. */
    Role role(HttpServer.Request request) {
        return role;
    }

    abstract CompletableFuture<HttpServer.Reply> serve(HttpServer.Request request, AdminAuth.Principal who);

    @Override
    public final HttpServer.Reply handle(HttpServer.Request request) {
        throw new UnsupportedOperationException("an API route answers asynchronously: use handleAsync");
    }

    @Override
    public final CompletableFuture<HttpServer.Reply> handleAsync(HttpServer.Request request) {
        CompletableFuture<HttpServer.Reply> f;
        try {
            f = auth.authenticate(request, role(request)).thenCompose(who -> serve(request, who));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((reply, e) -> e == null ? reply : ApiErrors.reply(e));
    }

    static HttpServer.Reply notAllowed(HttpServer.Request r, String allowed) {
        return HttpServer.Reply.error(405, r.method() + " is not allowed on " + r.path() + " (use " + allowed + ")");
    }

    static CompletableFuture<HttpServer.Reply> now(HttpServer.Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    /** A path segment that must be a positive id. */
    static long id(String field, String text) {
        try {
            long v = Long.parseLong(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(404, "no " + field + " '" + text + "'");
    }
}
