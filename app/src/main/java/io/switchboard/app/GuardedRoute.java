package io.switchboard.app;

import io.switchboard.customer.token.Role;
import java.util.concurrent.CompletableFuture;

/** A synchronous route (the IVR API) behind the API's token check: the route runs once the token holds {@code role}. */
final class GuardedRoute extends ApiRoute {
    private final HttpServer.Route inner;

    GuardedRoute(AdminAuth auth, Role role, HttpServer.Route inner) {
        super(auth, role, inner.path());
        this.inner = inner;
    }

    @Override
    public boolean matches(String path) {
        return inner.matches(path);
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request request, AdminAuth.Principal who) {
        return inner.handleAsync(request);
    }
}
