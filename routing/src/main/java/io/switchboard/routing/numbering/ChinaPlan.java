package io.switchboard.routing.numbering;

import java.util.Set;

/**
 * Classifies digits dialled inside China by the MIIT telecommunication numbering plan (电信网编号计划),
 * our own table on top of libphonenumber for what libphonenumber does not model as we need it:
 * <ul>
 *   <li>400/800 + 7 digits: enterprise hotlines ({@link Kind#HOTLINE_400}, {@link Kind#HOTLINE_800});
 *   <li>95xxx and 95xxxx: national short codes ({@link Kind#HOTLINE_95});
 *   <li>1010xxxx: carrier service numbers ({@link Kind#CARRIER_1010});
 *   <li>12xxx: public service numbers such as 12345, 12315, 12306 ({@link Kind#SERVICE_12});
 *   <li>110, 119, 120, 122: emergency ({@link Kind#EMERGENCY}).
 * </ul>
 * Mobiles ({@link Mobile}) and fixed lines ({@link FixedLine}) are checked against libphonenumber.
 * Short codes have no E.164 form: they cannot be dialled from abroad, so {@code +86 95555} is refused.
 */
final class ChinaPlan {
    private static final Set<String> EMERGENCY = Set.of("110", "119", "120", "122");

    private final Mobile mobile;
    private final FixedLine fixed;

    ChinaPlan(CnMetadata cn) {
        this.mobile = new Mobile(cn);
        this.fixed = new FixedLine(cn, mobile);
    }

    /** Classifies non-empty national digits (not starting with the international prefix 00). */
    Normalized.Valid national(String d) {
        if (EMERGENCY.contains(d)) {
            return shortCode(d, Kind.EMERGENCY);
        }
        if (d.startsWith("400")) {
            return hotline(d, Kind.HOTLINE_400);
        }
        if (d.startsWith("800")) {
            return hotline(d, Kind.HOTLINE_800);
        }
        if (d.startsWith("95")) {
            if (d.length() != 5 && d.length() != 6) {
                throw new NumberRejected("a 95 short code has 5 or 6 digits, got " + d.length());
            }
            return shortCode(d, Kind.HOTLINE_95);
        }
        if (d.startsWith("1010")) {
            return exactLength(d, 8, "a 1010 carrier number", Kind.CARRIER_1010);
        }
        if (d.startsWith("12")) {
            return exactLength(d, 5, "a 12xxx service number", Kind.SERVICE_12);
        }
        if (d.length() > 1 && d.charAt(0) == '1' && d.charAt(1) >= '3') {
            return mobile.validate(d);
        }
        if (d.charAt(0) == '0') {
            return fixed.validate(d);
        }
        if (d.charAt(0) == '1') {
            throw new NumberRejected(d + " is not in the numbering plan (short codes are 110, 119, 120, 122, "
                    + "95xxx, 1010xxxx and 12xxx; mobiles start 13 to 19)");
        }
        if ((d.length() == 7 || d.length() == 8) && d.charAt(0) != '9') {
            throw new NumberRejected("a fixed-line number needs its area code (e.g. 010 " + d + ")");
        }
        throw new NumberRejected(d + " is not in the numbering plan (numbers dialled in China start with 0 "
                + "and an area code, 13 to 19, 400, 800, 95, 1010, 12 or 11)");
    }

    /** Classifies the digits that followed the country code 86 ({@code written} is how 86 was written). */
    Normalized.Valid afterCountryCode(String rest, String written) {
        if (rest.isEmpty()) {
            throw new NumberRejected(written + " must be followed by a number");
        }
        if (rest.charAt(0) == '0') {
            throw new NumberRejected("after " + written + " the trunk prefix 0 is dropped: write " + written + " "
                    + rest.substring(1) + " or 0" + rest.substring(1));
        }
        boolean mobileOrHotline = (rest.charAt(0) == '1' && rest.length() > 1 && rest.charAt(1) >= '3')
                || rest.startsWith("400") || rest.startsWith("800");
        if (mobileOrHotline) {
            return national(rest);
        }
        if (rest.length() <= 8) {
            Kind kind = shortKind(rest);
            if (kind != null) {
                throw new NumberRejected(written + " cannot precede " + rest + " (" + kind
                        + "): short codes are dialled without a country code and have no international form");
            }
        }
        return fixed.validate("0" + rest);
    }

    private Kind shortKind(String rest) {
        try {
            Kind kind = national(rest).kind();
            return kind.isShortCode() ? kind : null;
        } catch (NumberRejected notAShortCode) {
            return null;
        }
    }

    private static Normalized.Valid hotline(String d, Kind kind) {
        if (d.length() != 10) {
            throw new NumberRejected((d.startsWith("8") ? "an " : "a ") + d.substring(0, 3) + " number has 10 digits, got " + d.length());
        }
        return new Normalized.Valid(d, "+86" + d, kind);
    }

    private static Normalized.Valid exactLength(String d, int length, String what, Kind kind) {
        if (d.length() != length) {
            throw new NumberRejected(what + " has " + length + " digits, got " + d.length());
        }
        return shortCode(d, kind);
    }

    private static Normalized.Valid shortCode(String d, Kind kind) {
        return new Normalized.Valid(d, "", kind);
    }
}
