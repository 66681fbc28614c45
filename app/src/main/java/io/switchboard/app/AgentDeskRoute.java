package io.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /agent/}: a small agent desk page (one static HTML file with its script, no build step, nothing
 * fetched from elsewhere) on the agent WebSocket ({@link AgentSockets}): offers, chats, replies, transfer,
 * state, the customer's timeline. The token is typed in and kept in the tab's session storage only.
 */
final class AgentDeskRoute implements HttpServer.Route {
    private final String page;

    AgentDeskRoute() {
        try (InputStream in = AgentDeskRoute.class.getResourceAsStream("agent/index.html")) {
            if (in == null) {
                throw new IllegalStateException("agent/index.html is missing from the build");
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String path() {
        return "/agent/";
    }

    @Override
    public boolean matches(String path) {
        return path.equals("/agent/") || path.equals("/agent");
    }

    @Override
    public HttpServer.Reply handle(HttpServer.Request request) {
        return request.method().equals("GET") ? HttpServer.Reply.raw(200, "text/html; charset=utf-8", page)
                : HttpServer.Reply.error(405, "use GET");
    }
}
