package io.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /webchat/widget.js}: the embeddable web chat widget (a static script, no build step). */
final class WidgetRoute implements HttpServer.Route {
    private final String script;

    WidgetRoute() {
        try (InputStream in = WidgetRoute.class.getResourceAsStream("webchat/widget.js")) {
            if (in == null) {
                throw new IllegalStateException("webchat/widget.js is missing from the build");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String path() {
        return "/webchat/widget.js";
    }

    @Override
    public HttpServer.Reply handle(HttpServer.Request request) {
        return request.method().equals("GET") ? HttpServer.Reply.raw(200, "application/javascript; charset=utf-8", script)
                : HttpServer.Reply.error(405, "use GET");
    }
}
