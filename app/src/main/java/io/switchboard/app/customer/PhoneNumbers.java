package io.switchboard.app.customer;

import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityNormalizer;
import io.switchboard.customer.identity.IdentityType;
import io.switchboard.customer.identity.InvalidIdentityException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a calling or called party is, as far as customers are concerned: a phone number (5 digits or more
 * that normalise to E.164), an extension of this switch (a short name known as a {@code device} identity
 * {@code extension:NAME}), or nobody ({@code anonymous}, empty, unreadable).
 */
final class PhoneNumbers {
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private final IdentityNormalizer normalizer;

    PhoneNumbers(IdentityNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** E.164 of {@code raw}, or null when it is not a phone number. */
    String e164(String raw) {
        if (raw == null || raw.replaceAll("[^0-9]", "").length() < 5) {
            return null;
        }
        try {
            return normalizer.normalize(Identity.phone(raw.strip())).value();
        } catch (InvalidIdentityException e) {
            return null;
        }
    }

    boolean isPhone(String raw) {
        return e164(raw) != null;
    }

    /** The identity a party is known by: its phone, or its extension as a device; empty for anonymous callers. */
    Optional<Identity> identity(String raw) {
        String e164 = e164(raw);
        if (e164 != null) {
            return Optional.of(Identity.phone(e164));
        }
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("anonymous") || !EXTENSION.matcher(raw.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(Identity.of(IdentityType.DEVICE, "extension:" + raw.strip()));
    }
}
