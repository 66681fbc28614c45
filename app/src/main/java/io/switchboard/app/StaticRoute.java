package io.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A static file from the build's resources, read once at start-up and served on {@code GET} (no build
 * step, nothing fetched from elsewhere): the embeddable web chat widget and the agent desk page.
 */
final class StaticRoute implements HttpServer.Route {
    private final String path;
    private final Set<String> aliases;
    private final String contentType;
    private final String body;

    private StaticRoute(String path, Set<String> aliases, String resource, String contentType) {
        this.path = path;
        this.aliases = aliases;
        this.contentType = contentType;
        try (InputStream in = StaticRoute.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /webchat/widget.js}: the embeddable web chat widget. */
    static StaticRoute webChatWidget() {
        return new StaticRoute("/webchat/widget.js", Set.of(), "webchat/widget.js", "application/javascript; charset=utf-8");
    }

    /**
     * {@code GET /agent/}: the agent desk page on the agent WebSocket ({@link AgentSockets}): offers, chats,
     * replies, transfer, state, the customer's timeline. The token is typed in and kept in the tab's session
     * storage only.
     */
    static StaticRoute agentDesk() {
        return new StaticRoute("/agent/", Set.of("/agent"), "agent/index.html", "text/html; charset=utf-8");
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean matches(String p) {
        return path.equals(p) || aliases.contains(p);
    }

    @Override
    public HttpServer.Reply handle(HttpServer.Request request) {
        return request.method().equals("GET") ? HttpServer.Reply.raw(200, contentType, body) : HttpServer.Reply.error(405, "use GET");
    }
}
