package io.switchboard.channels.wechat;

/**
 * One Official Account as configured ({@code channels.wechat.*}): the name in the callback URL
 * ({@code /channels/wechat/{name}}), the app id and secret for the API, the callback token, and the
 * EncodingAESKey (empty = plain mode only).
 */
public record WeChatAccount(String name, String appId, String secret, String token, String encodingAesKey) {

    public WeChatAccount {
        if (name == null || name.isBlank() || appId == null || appId.isBlank() || token == null || token.isBlank()) {
            throw new IllegalArgumentException("a WeChat account needs a name, an app id and a token");
        }
        secret = secret == null ? "" : secret;
        encodingAesKey = encodingAesKey == null ? "" : encodingAesKey;
    }

    public boolean safeMode() {
        return !encodingAesKey.isEmpty();
    }
}
