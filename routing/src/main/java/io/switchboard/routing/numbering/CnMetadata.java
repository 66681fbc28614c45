package io.switchboard.routing.numbering;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.regex.Pattern;

/**
 * libphonenumber's view of China (+86) for mobile and fixed-line numbers: whether a national
 * significant number (without the trunk 0) is valid, and whether a prefix (an area code, a mobile
 * block) starts any valid number, which lets us say "unknown area code 026" instead of "invalid".
 *
 * <p>Why libphonenumber here and not our own tables: mobile blocks and area-code subscriber lengths
 * change every year and libphonenumber tracks the MIIT allocations; we pin its version in the parent pom.
 */
final class CnMetadata {
    private static final int CHINA = 86;

    private final PhoneNumberUtil util;
    private final Pattern fixedLine;
    private final Pattern mobile;

    CnMetadata(PhoneNumberUtil util) {
        this.util = util;
        PhoneMetadata cn = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                .getMetadataForRegion("CN");
        this.fixedLine = Pattern.compile(cn.getFixedLine().getNationalNumberPattern());
        this.mobile = Pattern.compile(cn.getMobile().getNationalNumberPattern());
    }

    /** Whether {@code nsn} (e.g. {@code 13812345678}) is an allocated mobile number. */
    boolean isMobile(String nsn) {
        return hasType(nsn, PhoneNumberType.MOBILE);
    }

    /** Whether {@code nsn} (e.g. {@code 1088880000}, no trunk 0) is a valid fixed-line number. */
    boolean isFixedLine(String nsn) {
        return hasType(nsn, PhoneNumberType.FIXED_LINE);
    }

    /** Whether some allocated mobile number starts with {@code prefix}. */
    boolean startsMobile(String prefix) {
        return startsMatch(mobile, prefix);
    }

    /** Whether some valid fixed-line number starts with {@code prefix} (e.g. the area code {@code 571}). */
    boolean startsFixedLine(String prefix) {
        return startsMatch(fixedLine, prefix);
    }

    /** Whether {@code nsn} matches the fixed-line pattern exactly. */
    boolean matchesFixedLine(String nsn) {
        return fixedLine.matcher(nsn).matches();
    }

    private boolean hasType(String nsn, PhoneNumberType wanted) {
        PhoneNumber n = new PhoneNumber().setCountryCode(CHINA).setNationalNumber(Long.parseLong(nsn));
        if (!util.isValidNumberForRegion(n, "CN")) {
            return false;
        }
        PhoneNumberType type = util.getNumberType(n);
        return type == wanted || type == PhoneNumberType.FIXED_LINE_OR_MOBILE;
    }

    /** A full match, or a partial one that ran out of input: some longer input could match. */
    private static boolean startsMatch(Pattern p, String prefix) {
        var m = p.matcher(prefix);
        return m.matches() || m.hitEnd();
    }
}
