package io.switchboard.routing.numbering;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * The one normaliser for every number Switchboard receives or sends: carrier caller IDs and DIDs,
 * agents' dialled digits, numbers in configuration. It turns written text into a {@link Normalized}:
 * a {@link Normalized.Valid} national form, E.164 form and {@link Kind}, or a {@link Normalized.Invalid}
 * with a specific reason. It never guesses: text that could mean two numbers is refused.
 *
 * <p>Accepted notations: spaces, {@code - . ( ) /} as separators ({@code 400-800-1234},
 * {@code (010) 8888-0000}, {@code 4008 001 234}); the country code as {@code +86}, {@code 0086}, or a bare
 * {@code 86} before a full-length number; {@code +86 10 8888 0000} and {@code +86 (0)10 8888 0000} for
 * fixed lines; full-width digits and {@code ＋} from Chinese input methods; {@code tel:} URIs with
 * {@code phone-context} (RFC 3966) and the user part of {@code sip:} URIs ({@code user=phone}, RFC 3261
 * §19.1.1); international numbers after {@code +} or {@code 00} (validated by libphonenumber).
 *
 * <p>Sources: the MIIT telecommunication numbering plan for 400/800, 95, 1010, 12xxx and emergency
 * numbers ({@link ChinaPlan}); libphonenumber's CN metadata for mobile blocks and area codes; RFC 3966
 * for {@code tel:}. Instances are immutable and thread-safe.
 */
public final class NumberNormalizer {
    private final ChinaPlan china;
    private final International international;

    public NumberNormalizer() {
        this(PhoneNumberUtil.getInstance());
    }

    NumberNormalizer(PhoneNumberUtil util) {
        this.china = new ChinaPlan(new CnMetadata(util));
        this.international = new International(util);
    }

    /** Normalises {@code text}; never throws for bad input. */
    public Normalized normalize(String text) {
        if (text == null || text.isBlank()) {
            return new Normalized.Invalid("empty number");
        }
        if (text.length() > DialText.MAX_LENGTH) {
            return new Normalized.Invalid("too long to be a number (" + text.length() + " characters)");
        }
        try {
            return classify(NumberUri.parse(DialText.fold(text)));
        } catch (NumberRejected e) {
            return new Normalized.Invalid(e.getMessage());
        }
    }

    private Normalized.Valid classify(Dialled dialled) {
        String d = dialled.digits();
        if (dialled.plus()) {
            return afterInternationalPrefix(d, "+");
        }
        if (d.isEmpty()) {
            throw new NumberRejected("no digits");
        }
        if (d.startsWith("00")) {
            return afterInternationalPrefix(d.substring(2), "00");
        }
        if (d.startsWith("86") && d.length() >= 12) {
            return china.afterCountryCode(d.substring(2), "86");
        }
        return china.national(d);
    }

    private Normalized.Valid afterInternationalPrefix(String rest, String prefix) {
        if (rest.isEmpty()) {
            throw new NumberRejected("'" + prefix + "' must be followed by a country code");
        }
        if (rest.charAt(0) == '0') {
            throw new NumberRejected("no country code starts with 0 (" + prefix + "0…)");
        }
        if (rest.startsWith("86")) {
            return china.afterCountryCode(rest.substring(2), prefix + "86");
        }
        return international.normalize(rest);
    }
}
