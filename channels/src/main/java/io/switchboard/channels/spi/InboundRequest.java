package io.switchboard.channels.spi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook request as it arrived: the account it was addressed to (from the URL), the query parameters,
 * headers (names lower-case) and the raw body bytes that signatures cover.
 */
public record InboundRequest(String account, String method, Map<String, String> query, Map<String, String> headers,
                             byte[] body) {

    public InboundRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public String query(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
