package io.switchboard.customer.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns raw identifiers into their one stored form: phones and WhatsApp numbers to E.164 (libphonenumber,
 * national numbers read in the default region, CN unless configured), emails lower-cased, platform names
 * lower-cased, opaque ids trimmed and checked for length and characters. Thread-safe.
 */
public final class IdentityNormalizer {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_.:@=+/-]{1,256}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public IdentityNormalizer(String defaultRegion) {
        String region = defaultRegion.toUpperCase(Locale.ROOT);
        if (!phones.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "' (ISO 3166 code, e.g. CN)");
        }
        this.defaultRegion = region;
    }

    public Identity normalize(Identity raw) {
        IdentityType type = raw.type();
        String value = raw.value().trim();
        String scope = raw.scope().trim();
        if (type.scoped() && scope.isEmpty()) {
            throw new InvalidIdentityException(type.wire() + " needs a scope ("
                    + (type == IdentityType.WECHAT_OPENID ? "the WeChat app id" : "the platform name") + ")");
        }
        if (!type.scoped() && !scope.isEmpty()) {
            throw new InvalidIdentityException(type.wire() + " takes no scope, got '" + scope + "'");
        }
        if (!scope.isEmpty() && !SCOPE.matcher(scope).matches()) {
            throw new InvalidIdentityException(type.wire() + ": invalid scope '" + scope + "'");
        }
        switch (type) {
            case PHONE:
                return new Identity(type, "", e164(value, type), raw.verified());
            case WHATSAPP:
                String wa = value.startsWith("+") || value.isEmpty() || !Character.isDigit(value.charAt(0)) ? value : "+" + value;
                return new Identity(type, "", e164(wa, type), raw.verified());
            case EMAIL:
                String email = value.toLowerCase(Locale.ROOT);
                if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
                    throw new InvalidIdentityException("email: not an address: '" + value + "'");
                }
                return new Identity(type, "", email, raw.verified());
            case PLATFORM_BUYER:
                return new Identity(type, scope.toLowerCase(Locale.ROOT), opaque(value, type), raw.verified());
            default:
                return new Identity(type, scope, opaque(value, type), raw.verified());
        }
    }

    private String e164(String value, IdentityType type) {
        try {
            PhoneNumber n = phones.parse(value, defaultRegion);
            if (!phones.isPossibleNumber(n)) {
                throw new InvalidIdentityException(type.wire() + ": not a possible phone number: '" + value + "'");
            }
            return phones.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidIdentityException(type.wire() + ": not a phone number: '" + value + "' (" + e.getMessage() + ")");
        }
    }

    private static String opaque(String value, IdentityType type) {
        if (!OPAQUE.matcher(value).matches()) {
            throw new InvalidIdentityException(type.wire() + ": expected 1 to 256 letters, digits or _.:@=+/- , got '" + value + "'");
        }
        return value;
    }
}
