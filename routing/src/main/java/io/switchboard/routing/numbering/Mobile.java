package io.switchboard.routing.numbering;

/**
 * Chinese mobile numbers: 11 digits starting 13–19, in blocks allocated by MIIT to the carriers
 * (China Mobile, China Unicom, China Telecom, China Broadnet and virtual operators). The allocated
 * blocks come from libphonenumber's CN metadata, so {@code 140…} or {@code 154…} are refused by name.
 */
final class Mobile {
    static final int LENGTH = 11;

    private final CnMetadata cn;

    Mobile(CnMetadata cn) {
        this.cn = cn;
    }

    /** Validates {@code d}, national digits starting 1[3-9]. */
    Normalized.Valid validate(String d) {
        if (d.length() != LENGTH) {
            throw new NumberRejected("a mobile number has 11 digits, got " + d.length());
        }
        if (cn.isMobile(d)) {
            return new Normalized.Valid(d, "+86" + d, Kind.MOBILE);
        }
        String block = d.substring(0, 3);
        if (!cn.startsMobile(block)) {
            throw new NumberRejected("mobile prefix " + block + " is not allocated");
        }
        throw new NumberRejected(d + " is not in an allocated mobile number block");
    }
}
