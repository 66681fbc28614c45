package io.switchboard.customer.identity;

import java.util.Locale;

/**
 * The kinds of identifier a customer can be known by. Each names its wire form (API, storage) and whether
 * it needs a scope: a WeChat openid is only unique within one official account / mini-program (app id),
 * a marketplace buyer id within one platform.
 */
public enum IdentityType {
    PHONE("phone", false),
    WECHAT_OPENID("wechat_openid", true),
    WECHAT_UNIONID("wechat_unionid", false),
    WHATSAPP("whatsapp", false),
    EMAIL("email", false),
    DEVICE("device", false),
    WEBCHAT_VISITOR("webchat_visitor", false),
    PLATFORM_BUYER("platform_buyer", true);

    private final String wire;
    private final boolean scoped;

    IdentityType(String wire, boolean scoped) {
        this.wire = wire;
        this.scoped = scoped;
    }

    public String wire() {
        return wire;
    }

    /** True when the value is only unique together with a scope (WeChat app id, platform name). */
    public boolean scoped() {
        return scoped;
    }

    public static IdentityType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (IdentityType type : values()) {
            if (type.wire.equals(t)) {
                return type;
            }
        }
        throw new InvalidIdentityException("unknown identity type '" + text + "'; expected one of "
                + "phone, wechat_openid, wechat_unionid, whatsapp, email, device, webchat_visitor, platform_buyer");
    }
}
