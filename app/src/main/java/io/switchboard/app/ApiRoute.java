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

    ApiRoute(AdminAuth auth) {
        this.auth = auth;
    }

    /** The role {@code request} needs. */
    abstract Role role(HttpServer.Request request);

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
