package io.switchboard.routing.numbering;

/**
 * Chinese fixed-line numbers as dialled nationally: trunk 0, an area code, a subscriber number.
 * Area codes 010 and 020–029 have three digits and 8-digit subscribers; the others (0xxx) have four
 * digits and 7- or 8-digit subscribers (MIIT numbering plan). Validity per area comes from
 * libphonenumber's CN metadata.
 *
 * <p>Carriers also deliver out-of-area mobile caller IDs with the trunk 0 ({@code 013812345678}); no
 * area code starts 013–019, so this is unambiguous and is read as the mobile number.
 */
final class FixedLine {
    private final CnMetadata cn;
    private final Mobile mobile;

    FixedLine(CnMetadata cn, Mobile mobile) {
        this.cn = cn;
        this.mobile = mobile;
    }

    /** Validates {@code d}, national digits starting with a single trunk 0. */
    Normalized.Valid validate(String d) {
        if (d.length() < 3) {
            throw new NumberRejected("a fixed-line number starts with an area code and has 10 to 12 digits, got " + d.length());
        }
        char c1 = d.charAt(1);
        if (c1 == '1' && d.charAt(2) >= '3') {
            return mobile.validate(d.substring(1));
        }
        int areaLength = c1 == '1' || c1 == '2' ? 3 : 4;
        String area = d.substring(0, Math.min(areaLength, d.length()));
        if ((c1 == '1' && !area.equals("010")) || !cn.startsFixedLine(area.substring(1))) {
            throw new NumberRejected("unknown area code " + area);
        }
        String subscriber = d.substring(area.length());
        if (subscriber.isEmpty()) {
            throw new NumberRejected("area code " + area + " alone is not a number: the subscriber number is missing");
        }
        boolean lengthOk = areaLength == 3 ? subscriber.length() == 8 : subscriber.length() == 7 || subscriber.length() == 8;
        if (!lengthOk) {
            throw new NumberRejected("a fixed-line number with area code " + area + " has "
                    + (areaLength == 3 ? "8" : "7 or 8") + " subscriber digits, got " + subscriber.length());
        }
        String nsn = d.substring(1);
        if (cn.isFixedLine(nsn)) {
            return new Normalized.Valid(d, "+86" + nsn, Kind.FIXED);
        }
        if (subscriber.length() == 7 && cn.startsFixedLine(nsn)) {
            throw new NumberRejected("subscriber numbers in area code " + area + " have 8 digits, got 7");
        }
        if (subscriber.length() == 8 && cn.matchesFixedLine(nsn.substring(0, nsn.length() - 1))) {
            throw new NumberRejected("subscriber numbers in area code " + area + " have 7 digits, got 8");
        }
        throw new NumberRejected(subscriber + " is not a valid subscriber number in area code " + area);
    }
}
