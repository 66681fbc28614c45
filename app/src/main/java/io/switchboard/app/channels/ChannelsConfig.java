package io.switchboard.app.channels;

import io.switchboard.channels.wechat.WeChatAccount;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigKey;
import io.switchboard.core.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code conf/channels.yaml}: the text channels. Nothing is active until an account is configured.
 * <pre>
 * wechat:
 *   apiBase: https://api.weixin.qq.com     # the platform's API (tests point it at a local mock)
 *   accounts:
 *     - name: acme                          # the webhook URL is http(s)://host/channels/wechat/acme
 *       appId: wx0123456789abcdef
 *       secret: "..."                       # keep real secrets out of git
 *       token: "..."
 *       encodingAesKey: "..."               # 43 characters for safe mode; empty for plain mode
 * webchat:                                  # our widget: &lt;script src="/webchat/widget.js"&gt;
 *   secret: "..."                           # signs visitor tokens (at least 16 characters)
 *   identitySecret: "..."                   # optional: the site signs logged-in user ids with it (HMAC-SHA256)
 * flows:                                    # which IVR flow answers which channel (or channel/account)
 *   wechat: hotline
 * idleClose: 30m                            # a conversation with no message for this long is closed
 * </pre>
 */
public record ChannelsConfig(Map<String, WeChatAccount> wechatAccounts, String wechatApiBase, Map<String, String> flows,
                             Duration idleClose, String webchatSecret, String webchatIdentitySecret, String webchatAccount) {
    private static final Set<String> TOP = Set.of("wechat", "webchat", "flows", "idleClose");
    private static final Set<String> WEBCHAT = Set.of("account", "secret", "identitySecret");
    private static final Set<String> ACCOUNT = Set.of("name", "appId", "secret", "token", "encodingAesKey");

    public boolean enabled() {
        return !wechatAccounts.isEmpty() || webchatEnabled();
    }

    public boolean webchatEnabled() {
        return !webchatSecret.isEmpty();
    }

    /** The flow for a conversation on {@code channel}/{@code account}: the account's, the channel's, else {@code fallback}. */
    public String flowFor(String channel, String account, String fallback) {
        return flows.getOrDefault(channel + "/" + account, flows.getOrDefault(channel, fallback));
    }

    public static ChannelsConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ChannelsConfig(Map.of(), "https://api.weixin.qq.com", Map.of(), Duration.ofMinutes(30), "", "", "site");
        }
        Object doc = YamlFiles.load(file);
        Map<?, ?> root = doc == null ? Map.of() : map(doc, file + "");
        for (Object k : root.keySet()) {
            if (!TOP.contains(String.valueOf(k))) {
                throw new ConfigException(file + ": unknown section '" + k + "' (known: " + TOP + ")");
            }
        }
        Map<String, WeChatAccount> accounts = new LinkedHashMap<>();
        String apiBase = "https://api.weixin.qq.com";
        if (root.get("wechat") != null) {
            Map<?, ?> w = map(root.get("wechat"), file + ": wechat");
            if (w.get("apiBase") != null) {
                apiBase = String.valueOf(w.get("apiBase"));
            }
            Object list = w.get("accounts");
            if (list != null && !(list instanceof List<?>)) {
                throw new ConfigException(file + ": wechat.accounts must be a list");
            }
            int i = 0;
            for (Object o : list == null ? List.of() : (List<?>) list) {
                String where = file + ": wechat.accounts[" + i++ + "]";
                Map<?, ?> a = map(o, where);
                for (Object k : a.keySet()) {
                    if (!ACCOUNT.contains(String.valueOf(k))) {
                        throw new ConfigException(where + ": unknown key '" + k + "' (known: " + ACCOUNT + ")");
                    }
                }
                try {
                    WeChatAccount acc = new WeChatAccount(text(a, "name"), text(a, "appId"), text(a, "secret"), text(a, "token"),
                            a.get("encodingAesKey") == null ? "" : String.valueOf(a.get("encodingAesKey")));
                    accounts.put(acc.name(), acc);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where + ": " + e.getMessage());
                }
            }
        }
        Map<String, String> flows = new LinkedHashMap<>();
        if (root.get("flows") != null) {
            map(root.get("flows"), file + ": flows").forEach((k, v) -> flows.put(String.valueOf(k), String.valueOf(v)));
        }
        Duration idle = Duration.ofMinutes(30);
        if (root.get("idleClose") != null) {
            try {
                idle = ConfigKey.parseDuration(String.valueOf(root.get("idleClose")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": idleClose: " + e.getMessage());
            }
        }
        String secret = "";
        String identitySecret = "";
        String site = "site";
        if (root.get("webchat") != null) {
            Map<?, ?> w = map(root.get("webchat"), file + ": webchat");
            for (Object k : w.keySet()) {
                if (!WEBCHAT.contains(String.valueOf(k))) {
                    throw new ConfigException(file + ": webchat: unknown key '" + k + "' (known: " + WEBCHAT + ")");
                }
            }
            secret = text(w, "secret");
            if (secret.length() < 16) {
                throw new ConfigException(file + ": webchat.secret needs at least 16 characters (it signs visitor tokens)");
            }
            identitySecret = text(w, "identitySecret");
            site = w.get("account") == null ? site : text(w, "account");
        }
        return new ChannelsConfig(Map.copyOf(accounts), apiBase, Map.copyOf(flows), idle, secret, identitySecret, site);
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    private static Map<?, ?> map(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new ConfigException(where + " must be a map of keys");
        }
        return m;
    }
}
