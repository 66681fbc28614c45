package io.switchboard.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.customer.identity.IdentityType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Visitor tokens, identity verification by the site's HMAC, page context. */
class WebChatAdapterTest {
    final InstantSource clock = InstantSource.fixed(Instant.parse("2026-03-01T08:00:00Z"));
    final VisitorTokens tokens = new VisitorTokens("0123456789abcdef-secret", Duration.ofHours(1), clock);
    final WebChatAdapter adapter = new WebChatAdapter(tokens, "site-secret", clock);

    @Test
    void metaVectorAndTokens() {
        assertThat(Hmac.sha256Hex("secret", "test")).isEqualTo("0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
        String t = tokens.issue("visitor-0001");
        assertThat(tokens.verify(t)).isEqualTo("visitor-0001");
        assertThatThrownBy(() -> tokens.verify(t.replace("visitor-0001", "visitor-0002"))).isInstanceOf(ChannelException.class);
        VisitorTokens later = new VisitorTokens("0123456789abcdef-secret", Duration.ofHours(1),
                InstantSource.fixed(clock.instant().plus(Duration.ofHours(2))));
        assertThatThrownBy(() -> later.verify(t)).hasMessageContaining("expired");
    }

    @Test
    void anonymousAndIdentifiedVisitors() {
        String t = tokens.issue("visitor-0001");
        InboundMessage anon = receive(t, "{\"type\":\"message\",\"client_msg_id\":\"c1\",\"text\":\"hi\","
                + "\"page\":{\"url\":\"https://shop/cart\",\"title\":\"Cart\"}}");
        assertThat(anon.platformId()).isEqualTo("visitor-0001:c1");
        assertThat(anon.media()).containsEntry("pageUrl", "https://shop/cart").containsEntry("pageTitle", "Cart");
        assertThat(adapter.identities(anon)).extracting("type").containsExactly(IdentityType.WEBCHAT_VISITOR);
        String hash = Hmac.sha256Hex("site-secret", "email:li@example.com");
        InboundMessage known = receive(t, "{\"type\":\"message\",\"client_msg_id\":\"c2\",\"text\":\"hi\","
                + "\"user_id\":\"email:li@example.com\",\"user_hash\":\"" + hash + "\"}");
        assertThat(adapter.identities(known)).extracting("type").containsExactly(IdentityType.EMAIL, IdentityType.WEBCHAT_VISITOR);
        assertThatThrownBy(() -> receive(t, "{\"type\":\"message\",\"client_msg_id\":\"c3\",\"text\":\"hi\","
                + "\"user_id\":\"email:boss@example.com\",\"user_hash\":\"" + hash + "\"}"))
                .extracting("kind").isEqualTo(ChannelException.Kind.UNAUTHORIZED);
        assertThatThrownBy(() -> receive(t, "nope")).extracting("kind").isEqualTo(ChannelException.Kind.MALFORMED);
        assertThatThrownBy(() -> receive("bad", "{}")).extracting("kind").isEqualTo(ChannelException.Kind.UNAUTHORIZED);
    }

    private InboundMessage receive(String token, String frame) {
        return adapter.receive(new InboundRequest("site", "WS", Map.of("token", token), Map.of(), frame.getBytes())).get(0);
    }
}
