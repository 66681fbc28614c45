package io.switchboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /api/openapi.json}: the OpenAPI 3 description of the HTTP API (a static resource; no token needed). */
final class OpenApiRoute implements HttpServer.Route {
    static final String RESOURCE = "/io/switchboard/app/openapi.json";

    private final String document;

    OpenApiRoute() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String path() {
        return "/api/openapi.json";
    }

    @Override
    public HttpServer.Reply handle(HttpServer.Request request) {
        if (!request.method().equals("GET")) {
            return ApiRoute.notAllowed(request, "GET");
        }
        return HttpServer.Reply.raw(200, "application/json", document);
    }
}
