package io.switchboard.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.channels.spi.MessageType;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Callback verification and parsing in plain and safe mode; hostile XML is refused. */
class WeChatAdapterTest {
    static final WeChatAccount ACCOUNT = new WeChatAccount("main", WxCryptTest.APP_ID, "s3cret", WxCryptTest.TOKEN,
            WxCryptTest.AES_KEY);
    final WeChatAdapter adapter = new WeChatAdapter(Map.of("main", ACCOUNT), HttpClient.newHttpClient(),
            "http://127.0.0.1:1", InstantSource.fixed(Instant.parse("2026-03-01T08:00:00Z")), new Random(7));

    static final String TEXT = "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oOPENID]]></FromUserName>"
            + "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            + "<Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>";

    static Map<String, String> signed(String ts, String nonce) {
        return Map.of("signature", WxSignature.sign(WxCryptTest.TOKEN, ts, nonce), "timestamp", ts, "nonce", nonce);
    }

    @Test
    void echoAnswersOnlyAValidSignature() {
        Map<String, String> q = new java.util.HashMap<>(signed("1409659589", "263014780"));
        q.put("echostr", "hello");
        assertThat(adapter.echo(new InboundRequest("main", "GET", q, Map.of(), null))).isEqualTo("hello");
        q.put("signature", "0".repeat(40));
        assertThatThrownBy(() -> adapter.echo(new InboundRequest("main", "GET", q, Map.of(), null)))
                .isInstanceOf(ChannelException.class).extracting("kind").isEqualTo(ChannelException.Kind.UNAUTHORIZED);
    }

    @Test
    void plainTextMessage() {
        InboundMessage m = adapter.receive(new InboundRequest("main", "POST", signed("1", "2"), Map.of(),
                TEXT.getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(m.userId()).isEqualTo("oOPENID");
        assertThat(m.platformId()).isEqualTo("1234567890123456");
        assertThat(m.type()).isEqualTo(MessageType.TEXT);
        assertThat(m.text()).isEqualTo("this is a test");
        assertThat(adapter.passiveReply(new InboundRequest("main", "POST", signed("1", "2"), Map.of(), null), m, "你好"))
                .contains("<ToUserName><![CDATA[oOPENID]]>", "<FromUserName><![CDATA[gh_123]]>", "<Content><![CDATA[你好]]>");
    }

    @Test
    void eventsAndMediaMap() {
        String sub = "<xml><ToUserName>gh_1</ToUserName><FromUserName>oU</FromUserName><CreateTime>5</CreateTime>"
                + "<MsgType>event</MsgType><Event>CLICK</Event><EventKey>V1001_HELP</EventKey></xml>";
        InboundMessage m = adapter.receive(new InboundRequest("main", "POST", signed("1", "2"), Map.of(), sub.getBytes())).get(0);
        assertThat(m.type()).isEqualTo(MessageType.EVENT);
        assertThat(m.text()).isEqualTo("click:V1001_HELP");
        assertThat(m.platformId()).isEqualTo("ev:oU:5:CLICK");
        String img = "<xml><FromUserName>oU</FromUserName><CreateTime>5</CreateTime><MsgType>image</MsgType>"
                + "<PicUrl>http://x/p.jpg</PicUrl><MediaId>m1</MediaId><MsgId>9</MsgId></xml>";
        InboundMessage i = adapter.receive(new InboundRequest("main", "POST", signed("1", "2"), Map.of(), img.getBytes())).get(0);
        assertThat(i.media()).containsEntry("MediaId", "m1").containsEntry("PicUrl", "http://x/p.jpg");
    }

    @Test
    void safeModeDecryptsAndVerifiesMsgSignature() {
        String enc = adapter.crypt(ACCOUNT).encrypt(TEXT);
        Map<String, String> q = new java.util.HashMap<>(signed("1409659589", "263014780"));
        q.put("encrypt_type", "aes");
        q.put("msg_signature", WxSignature.sign(WxCryptTest.TOKEN, "1409659589", "263014780", enc));
        byte[] body = ("<xml><ToUserName><![CDATA[gh_123]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>").getBytes();
        InboundRequest req = new InboundRequest("main", "POST", q, Map.of(), body);
        InboundMessage m = adapter.receive(req).get(0);
        assertThat(m.text()).isEqualTo("this is a test");
        Map<String, String> reply = WxXml.parse(adapter.passiveReply(req, m, "hi"));
        assertThat(WxSignature.sign(WxCryptTest.TOKEN, reply.get("TimeStamp"), reply.get("Nonce"), reply.get("Encrypt")))
                .isEqualTo(reply.get("MsgSignature"));
        assertThat(WxXml.parse(adapter.crypt(ACCOUNT).decrypt(reply.get("Encrypt")))).containsEntry("Content", "hi");
        q.put("msg_signature", "1".repeat(40));
        assertThatThrownBy(() -> adapter.receive(new InboundRequest("main", "POST", q, Map.of(), body)))
                .hasMessageContaining("msg_signature");
    }

    @Test
    void hostileOrBrokenXmlIsMalformed() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><FromUserName>&e;</FromUserName></xml>";
        for (String body : new String[] {xxe, "<xml><FromUserName>o</FromUserName>", "{}",
                "<xml><FromUserName>o</FromUserName><MsgType>text</MsgType></xml>"}) {
            assertThatThrownBy(() -> adapter.receive(new InboundRequest("main", "POST", signed("1", "2"), Map.of(), body.getBytes())))
                    .isInstanceOf(ChannelException.class).extracting("kind").isEqualTo(ChannelException.Kind.MALFORMED);
        }
    }
}
