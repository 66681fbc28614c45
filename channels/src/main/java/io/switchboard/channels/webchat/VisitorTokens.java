package io.switchboard.channels.webchat;

import io.switchboard.channels.spi.ChannelException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;

/**
 * Anonymous visitor tokens: {@code visitorId.expiresEpochSeconds.hmac}. The widget keeps its visitor id in
 * localStorage and exchanges it for a token on connect, so a visitor cannot speak as another visitor id
 * without our secret. Stateless: any node with the secret verifies it.
 */
public final class VisitorTokens {
    private final String secret;
    private final Duration ttl;
    private final InstantSource clock;

    public VisitorTokens(String secret, Duration ttl, InstantSource clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("channels.webchat.secret must have at least 16 characters");
        }
        this.secret = secret;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A token for {@code visitorId} (a new id when null or not a plain id). */
    public String issue(String visitorId) {
        String id = visitorId != null && visitorId.matches("[A-Za-z0-9-]{8,64}") ? visitorId : UUID.randomUUID().toString();
        String body = id + "." + clock.instant().plus(ttl).getEpochSecond();
        return body + "." + Hmac.sha256Hex(secret, body);
    }

    /** The visitor id of a valid, unexpired token. */
    public String verify(String token) {
        if (token == null) {
            throw ChannelException.unauthorized("visitor token is missing");
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            throw ChannelException.unauthorized("visitor token is malformed");
        }
        String body = token.substring(0, last);
        if (!Hmac.verify(secret, body, token.substring(last + 1))) {
            throw ChannelException.unauthorized("visitor token does not verify");
        }
        long expires;
        try {
            expires = Long.parseLong(token.substring(first + 1, last));
        } catch (NumberFormatException e) {
            throw ChannelException.unauthorized("visitor token is malformed");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw ChannelException.unauthorized("visitor token has expired");
        }
        return token.substring(0, first);
    }
}
