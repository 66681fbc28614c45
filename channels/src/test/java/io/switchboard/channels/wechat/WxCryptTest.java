package io.switchboard.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channels.spi.ChannelException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tencent's official WXBizMsgCrypt vector and the plain-signature vector from channels.md. */
class WxCryptTest {
    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String APP_ID = "wx5823bf96d3bd56c7";
    static final String ECHO = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    @Test
    void officialVectorDecryptsAndSigns() {
        assertThat(WxSignature.sign(TOKEN, "1409659589", "263014780", ECHO)).isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
        assertThat(new WxCrypt(AES_KEY, APP_ID, new Random(1)).decrypt(ECHO)).isEqualTo("1616140317555161061");
    }

    @Test
    void plainSignatureVector() {
        assertThat(WxSignature.sign("token", "1348831860", "nonce123")).isEqualTo("2d99bc4147f77da4417fdf884e41f8d303080e8e");
        assertThat(WxSignature.matches("2D99BC4147F77DA4417FDF884E41F8D303080E8E", "token", "1348831860", "nonce123")).isTrue();
        assertThat(WxSignature.matches(null, "token", "1", "2")).isFalse();
    }

    @Test
    void roundTripPadsTo32AndChecksTheAppId() {
        WxCrypt c = new WxCrypt(AES_KEY, APP_ID, new Random(2));
        for (String msg : new String[] {"", "x", "你好，世界", "a".repeat(12), "a".repeat(44)}) {
            String enc = c.encrypt(msg);
            assertThat(java.util.Base64.getDecoder().decode(enc).length % 32).isZero();
            assertThat(c.decrypt(enc)).isEqualTo(msg);
        }
        String other = new WxCrypt(AES_KEY, "wxOTHER", new Random(3)).encrypt("hi");
        assertThatThrownBy(() -> c.decrypt(other)).isInstanceOf(ChannelException.class).hasMessageContaining("app id");
        assertThatThrownBy(() -> c.decrypt("not base64!")).isInstanceOf(ChannelException.class);
    }
}
