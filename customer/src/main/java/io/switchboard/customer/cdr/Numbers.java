package io.switchboard.customer.cdr;

import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityNormalizer;
import io.switchboard.customer.identity.InvalidIdentityException;

/**
 * E.164 of a number as signalled: a bare number, or the user part of a {@code sip:}/{@code sips:}/{@code tel:}
 * URI (RFC 3261 §19.1, RFC 3966). Null when it is not a phone number (an extension, {@code anonymous}).
 */
final class Numbers {
    private Numbers() {
    }

    static String e164(IdentityNormalizer normalizer, String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        int lt = s.indexOf('<');
        if (lt >= 0 && s.indexOf('>', lt) > lt) {
            s = s.substring(lt + 1, s.indexOf('>', lt));
        }
        for (String scheme : new String[] {"sips:", "sip:", "tel:"}) {
            if (s.regionMatches(true, 0, scheme, 0, scheme.length())) {
                s = s.substring(scheme.length());
            }
        }
        int cut = s.length();
        for (char c : new char[] {'@', ';', '?'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        s = s.substring(0, cut);
        if (s.replaceAll("[^0-9]", "").length() < 5) {
            return null;
        }
        try {
            return normalizer.normalize(Identity.phone(s)).value();
        } catch (InvalidIdentityException e) {
            return null;
        }
    }
}
