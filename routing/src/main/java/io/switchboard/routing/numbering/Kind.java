package io.switchboard.routing.numbering;

import java.util.Optional;

/**
 * What kind of number a {@link NumberNormalizer} recognised, named as operators say it.
 *
 * <p>Why a closed set: routing rules, caller-ID policy and the toll-fraud guard (issue #4) all key on
 * the kind, so a number must never be "something numeric". The kinds follow the MIIT telecommunication
 * numbering plan (电信网编号计划): 400/800 enterprise hotlines, 95xxx(x) national short codes, the
 * 1010xxxx carrier service numbers, 12xxx government service numbers, the 110/119/120/122 emergency
 * numbers, 11-digit mobiles and area-code fixed lines; anything outside +86 is {@link #INTERNATIONAL}.
 *
 * <p>{@link #toString()} is the operator-facing label ({@code hotline-400}), the form printed by
 * {@code bin/switchboard number} and used in configuration.
 */
public enum Kind {
    /** 400 + 7 digits: enterprise hotline, the caller pays a local rate (MIIT 400 service). */
    HOTLINE_400("hotline-400"),
    /** 800 + 7 digits: toll-free enterprise hotline, the callee pays. */
    HOTLINE_800("hotline-800"),
    /** 95xxx or 95xxxx: national short codes of banks, insurers and carriers (e.g. 95555). */
    HOTLINE_95("hotline-95"),
    /** 1010xxxx: carrier-assigned service numbers (e.g. 10101234). */
    CARRIER_1010("carrier-1010"),
    /** 12xxx: public service numbers (12345 government hotline, 12315 consumer, 12306 railway). */
    SERVICE_12("service-12"),
    /** 110 police, 119 fire, 120 ambulance, 122 traffic accidents. */
    EMERGENCY("emergency"),
    /** 11 digits starting 13–19, validated against libphonenumber's CN mobile ranges. */
    MOBILE("mobile"),
    /** Area code (010, 02x, or 0xxx) plus subscriber number, validated against libphonenumber. */
    FIXED("fixed"),
    /** Any valid number outside China (country code other than 86). */
    INTERNATIONAL("international");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    /** The operator-facing, hyphenated name, e.g. {@code hotline-95}. */
    public String label() {
        return label;
    }

    /** Whether numbers of this kind exist only inside China's network (no E.164 form). */
    public boolean isShortCode() {
        return this == HOTLINE_95 || this == CARRIER_1010 || this == SERVICE_12 || this == EMERGENCY;
    }

    /** The kind with this label, as written in configuration. */
    public static Optional<Kind> fromLabel(String label) {
        for (Kind k : values()) {
            if (k.label.equals(label)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
