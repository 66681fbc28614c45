package io.switchboard.channels.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.channels.spi.OutboundMessage;
import io.switchboard.channels.spi.ReplyLimit;
import io.switchboard.customer.identity.Identity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * WeChat Official Account callbacks and customer-service messages (channels.md §1): verifies {@code signature}
 * (and {@code msg_signature} in safe mode), decrypts, parses the XML into canonical messages, builds passive
 * replies, and sends asynchronously through {@code cgi-bin/message/custom/send} with a cached access token.
 */
public final class WeChatAdapter implements ChannelAdapter {
    public static final String CHANNEL = "wechat";
    /** Customer-service messages: 5 within 48 h of the user's last message. */
    public static final ReplyLimit LIMIT = new ReplyLimit(5, Duration.ofHours(48));

    private final Map<String, WeChatAccount> accounts;
    private final HttpClient http;
    private final String baseUrl;
    private final AccessTokens tokens;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ObjectMapper json = new ObjectMapper();

    public WeChatAdapter(Map<String, WeChatAccount> accounts, HttpClient http, String baseUrl, InstantSource clock,
                         RandomGenerator random) {
        this.accounts = Map.copyOf(accounts);
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = new AccessTokens(http, this.baseUrl, clock);
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    public WeChatAccount account(String name) {
        WeChatAccount a = accounts.get(name);
        if (a == null) {
            throw ChannelException.unauthorized("no WeChat account '" + name + "'");
        }
        return a;
    }

    /** The GET handshake: the {@code echostr} to answer when the signature verifies. */
    public String echo(InboundRequest req) {
        WeChatAccount a = account(req.account());
        verifySignature(a, req);
        String echo = req.query("echostr");
        if (echo == null) {
            throw ChannelException.malformed("echostr is missing");
        }
        return echo;
    }

    @Override
    public List<InboundMessage> receive(InboundRequest req) {
        WeChatAccount a = account(req.account());
        verifySignature(a, req);
        Map<String, String> f = WxXml.parse(req.body());
        if ("aes".equals(req.query("encrypt_type"))) {
            if (!a.safeMode()) {
                throw ChannelException.unauthorized("encrypted message but no EncodingAESKey is configured");
            }
            String enc = f.get("Encrypt");
            if (enc == null) {
                throw ChannelException.malformed("Encrypt is missing");
            }
            if (!WxSignature.matches(req.query("msg_signature"), a.token(), req.query("timestamp"), req.query("nonce"), enc)) {
                throw ChannelException.unauthorized("msg_signature does not verify");
            }
            f = WxXml.parse(crypt(a).decrypt(enc));
        }
        return List.of(WeChatMessages.parse(a, f));
    }

    private static void verifySignature(WeChatAccount a, InboundRequest req) {
        if (!WxSignature.matches(req.query("signature"), a.token(), req.query("timestamp"), req.query("nonce"))) {
            throw ChannelException.unauthorized("signature does not verify");
        }
    }

    /** The passive reply body for {@code in} (encrypted when the request was), to answer within 5 s. */
    public String passiveReply(InboundRequest req, InboundMessage in, String text) {
        WeChatAccount a = account(req.account());
        String xml = WxXml.write(Map.of("ToUserName", in.userId(), "FromUserName", in.media().getOrDefault("to", ""),
                "CreateTime", Long.toString(clock.instant().getEpochSecond()), "MsgType", "text", "Content", text));
        if (!"aes".equals(req.query("encrypt_type"))) {
            return xml;
        }
        String enc = crypt(a).encrypt(xml);
        String ts = Long.toString(clock.instant().getEpochSecond());
        String nonce = Long.toString(random.nextLong(1_000_000_000L, 9_999_999_999L));
        return "<xml><Encrypt><![CDATA[" + enc + "]]></Encrypt><MsgSignature><![CDATA["
                + WxSignature.sign(a.token(), ts, nonce, enc) + "]]></MsgSignature><TimeStamp>" + ts
                + "</TimeStamp><Nonce><![CDATA[" + nonce + "]]></Nonce></xml>";
    }

    public WxCrypt crypt(WeChatAccount a) {
        return new WxCrypt(a.encodingAesKey(), a.appId(), random);
    }

    @Override
    public List<Identity> identities(InboundMessage m) {
        return List.of(Identity.wechatOpenid(account(m.account()).appId(), m.userId()));
    }

    @Override
    public ReplyLimit replyLimit() {
        return LIMIT;
    }

    @Override
    public CompletableFuture<Void> send(OutboundMessage m) {
        WeChatAccount a = account(m.account());
        return send(a, m, true);
    }

    private CompletableFuture<Void> send(WeChatAccount a, OutboundMessage m, boolean retry) {
        ObjectNode body = json.createObjectNode().put("touser", m.userId()).put("msgtype", "text");
        body.putObject("text").put("content", m.text());
        return tokens.token(a).thenCompose(token -> http.sendAsync(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/cgi-bin/message/custom/send?access_token=" + token))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString())
                .thenCompose(r -> {
                    int code = errcode(r.body());
                    if (code == 0) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if ((code == 40001 || code == 42001) && retry) {
                        tokens.invalidate(a, token);
                        return send(a, m, false);
                    }
                    return CompletableFuture.<Void>failedFuture(
                            new ChannelException(ChannelException.Kind.PLATFORM, "WeChat custom/send: " + r.body()));
                }));
    }

    private int errcode(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n.path("errcode").asInt(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
