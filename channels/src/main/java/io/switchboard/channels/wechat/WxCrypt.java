package io.switchboard.channels.wechat;

import io.switchboard.channels.spi.ChannelException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat "safe mode" message crypto (Tencent's WXBizMsgCrypt, channels.md §1): AES-256-CBC with the key
 * {@code Base64(EncodingAESKey + "=")} and IV = its first 16 bytes, PKCS#7 padding to a 32-byte block, and the
 * plaintext {@code random(16) ‖ uint32BE(len) ‖ msg ‖ appid}. The trailing app id must be ours.
 */
public final class WxCrypt {
    private static final int BLOCK = 32;

    private final byte[] key;
    private final String appId;
    private final RandomGenerator random;

    public WxCrypt(String encodingAesKey, String appId, RandomGenerator random) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
        }
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.appId = appId;
        this.random = random;
    }

    /** Decrypts a Base64 {@code Encrypt} value; refuses bad padding, a bad length or another app's message. */
    public String decrypt(String base64) {
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getMimeDecoder().decode(base64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw ChannelException.unauthorized("Encrypt does not decrypt: " + e.getMessage());
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
            throw ChannelException.unauthorized("Encrypt has bad padding");
        }
        int end = plain.length - pad;
        int len = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (len < 0 || 20 + len > end) {
            throw ChannelException.unauthorized("Encrypt has a bad message length");
        }
        String msg = new String(plain, 20, len, StandardCharsets.UTF_8);
        String from = new String(plain, 20 + len, end - 20 - len, StandardCharsets.UTF_8);
        if (!from.equals(appId)) {
            throw ChannelException.unauthorized("Encrypt is for app id '" + from + "', not " + appId);
        }
        return msg;
    }

    /** Encrypts {@code msg} for a passive reply (or a test's mock WeChat server). */
    public String encrypt(String msg) {
        byte[] body = msg.getBytes(StandardCharsets.UTF_8);
        byte[] app = appId.getBytes(StandardCharsets.UTF_8);
        int len = 20 + body.length + app.length;
        int pad = BLOCK - (len % BLOCK);
        ByteBuffer b = ByteBuffer.allocate(len + pad);
        byte[] prefix = new byte[16];
        random.nextBytes(prefix);
        b.put(prefix).putInt(body.length).put(body).put(app);
        byte[] padding = new byte[pad];
        Arrays.fill(padding, (byte) pad);
        b.put(padding);
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(b.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is a required JDK algorithm", e);
        }
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        return c;
    }
}
