package io.switchboard.routing.numbering;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Numbers outside China (ITU-T E.164 country code other than 86), validated entirely by libphonenumber.
 * The national form is what a caller in China dials: the international prefix 00, the country code and
 * the number ({@code 0016502530000}).
 */
final class International {
    private final PhoneNumberUtil util;

    International(PhoneNumberUtil util) {
        this.util = util;
    }

    /** Validates {@code digits}: country code and national number, without {@code +} or {@code 00}. */
    Normalized.Valid normalize(String digits) {
        PhoneNumber n;
        try {
            n = util.parse("+" + digits, "ZZ");
        } catch (NumberParseException e) {
            throw new NumberRejected(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "unknown country code in +" + digits;
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "+" + digits + " is too short";
                case TOO_LONG -> "+" + digits + " is too long";
                default -> "+" + digits + " is not a phone number";
            });
        }
        int cc = n.getCountryCode();
        String region = util.getRegionCodeForCountryCode(cc);
        if ("ZZ".equals(region)) {
            throw new NumberRejected("unknown country code in +" + digits);
        }
        if (!util.isValidNumber(n)) {
            ValidationResult why = util.isPossibleNumberWithReason(n);
            String where = "+" + cc + " (" + region + ")";
            throw new NumberRejected(switch (why) {
                case TOO_SHORT -> "+" + digits + " is too short for " + where;
                case TOO_LONG -> "+" + digits + " is too long for " + where;
                case INVALID_COUNTRY_CODE -> "unknown country code in +" + digits;
                default -> "+" + digits + " is not a valid number in " + where;
            });
        }
        String e164 = util.format(n, PhoneNumberFormat.E164);
        return new Normalized.Valid("00" + e164.substring(1), e164, Kind.INTERNATIONAL);
    }
}
