package io.switchboard.customer.identity;

/**
 * One identifier of a customer: type, scope (WeChat app id or platform; empty when the type has none) and
 * value. Values given by callers are raw; {@link IdentityNormalizer} turns them into the stored form, and
 * the graph always normalises before it looks anything up, so {@code 138-0013-8000} and
 * {@code +8613800138000} are the same phone.
 *
 * @param verified whether the channel proved ownership (an SMS code, a platform's verified number); only
 *                 verified phones are strong enough to link customers automatically
 */
public record Identity(IdentityType type, String scope, String value, boolean verified) {

    public Identity {
        if (type == null) {
            throw new InvalidIdentityException("identity type is required");
        }
        scope = scope == null ? "" : scope;
        if (value == null) {
            throw new InvalidIdentityException(type.wire() + ": a value is required");
        }
    }

    public static Identity of(IdentityType type, String value) {
        return new Identity(type, "", value, false);
    }

    public static Identity phone(String number) {
        return of(IdentityType.PHONE, number);
    }

    public static Identity verifiedPhone(String number) {
        return new Identity(IdentityType.PHONE, "", number, true);
    }

    public static Identity email(String address) {
        return of(IdentityType.EMAIL, address);
    }

    public static Identity wechatOpenid(String appId, String openid) {
        return new Identity(IdentityType.WECHAT_OPENID, appId, openid, false);
    }

    public static Identity wechatUnionid(String unionid) {
        return of(IdentityType.WECHAT_UNIONID, unionid);
    }

    public static Identity platformBuyer(String platform, String buyerId) {
        return new Identity(IdentityType.PLATFORM_BUYER, platform, buyerId, false);
    }

    /** Strong keys may link customers automatically: a WeChat unionid, or a phone number the channel verified. */
    public boolean strong() {
        return type == IdentityType.WECHAT_UNIONID || (type == IdentityType.PHONE && verified);
    }

    /** The same identifier (type, scope, value), whatever the verified flag. */
    public boolean sameKey(Identity other) {
        return type == other.type && scope.equals(other.scope) && value.equals(other.value);
    }

    @Override
    public String toString() {
        return type.wire() + (scope.isEmpty() ? "" : "[" + scope + "]") + ":" + value + (verified ? " (verified)" : "");
    }
}
