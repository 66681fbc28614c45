package io.switchboard.customer.directory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SIP extension kept in the database (managed through the admin API), as opposed to one written in
 * {@code conf/directory.yaml}. Validated on construction: the number is 2–15 digits (what phones dial),
 * a password at least 8 characters, a static contact a {@code sip:} URI.
 *
 * @param number   the extension number, e.g. {@code 1005}
 * @param name     display name
 * @param password digest password, empty for an endpoint that does not authenticate (needs a contact)
 * @param contact  where calls go for an endpoint that does not register, empty otherwise
 */
public record StoredExtension(String number, String name, Optional<String> password, Optional<String> contact, Instant updatedAt) {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{2,15}");

    public StoredExtension {
        Objects.requireNonNull(number, "number");
        password = password == null ? Optional.empty() : password.filter(p -> !p.isEmpty());
        contact = contact == null ? Optional.empty() : contact.filter(c -> !c.isEmpty());
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("number: an extension number is 2 to 15 digits, not '" + number + "'");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name: a name of 1 to 200 characters is required");
        }
        if (password.isPresent() && (password.get().length() < 8 || password.get().length() > 200)) {
            throw new IllegalArgumentException("password: at least 8 (at most 200) characters");
        }
        if (contact.isPresent() && !contact.get().regionMatches(true, 0, "sip:", 0, 4)) {
            throw new IllegalArgumentException("contact: a sip: URI, e.g. sip:phone@192.0.2.10:5060");
        }
        if (password.isEmpty() && contact.isEmpty()) {
            throw new IllegalArgumentException("password: an extension needs a password (it registers) or a contact (it does not)");
        }
    }
}
