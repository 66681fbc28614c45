package io.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event baresip's {@code ctrl_tcp} module reported, e.g.
 * {@code {"event":true,"type":"CALL_ESTABLISHED","class":"call","accountaor":"sip:1001@...","peeruri":"...","id":"...","param":"..."}}.
 */
public record BaresipEvent(String type, String eventClass, String accountAor, String peerUri, String callId, String param, JsonNode json) {

    static BaresipEvent of(JsonNode n) {
        return new BaresipEvent(text(n, "type"), text(n, "class"), text(n, "accountaor"), text(n, "peeruri"), text(n, "id"),
                text(n, "param"), n);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    @Override
    public String toString() {
        return type + (param.isEmpty() ? "" : "(" + param + ")") + (peerUri.isEmpty() ? "" : " peer=" + peerUri);
    }
}
