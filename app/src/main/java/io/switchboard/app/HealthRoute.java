package io.switchboard.app;

import io.switchboard.sip.SipStack;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: 200 with {@code {"status":"up",...}} while the SIP listeners are up. */
final class HealthRoute implements HttpServer.Route {
    private final SipStack sip;

    HealthRoute(SipStack sip) {
        this.sip = sip;
    }

    @Override
    public String path() {
        return "/health";
    }

    @Override
    public HttpServer.Reply handle(HttpServer.Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean up = sip.isRunning();
        body.put("status", up ? "up" : "down");
        body.put("sip", sip.stats());
        body.put("media", sip.media().stats());
        return new HttpServer.Reply(up ? 200 : 503, body);
    }
}
