package io.switchboard.routing.numbering;

import java.util.Objects;

/**
 * The outcome of normalising one number: a {@link Valid} number in canonical forms, or an
 * {@link Invalid} one with a reason an operator can act on.
 *
 * <p>Why a value and not an exception: numbers arrive from carriers, agents and configuration files,
 * and a bad one is an expected input (STYLE principle 2). Callers switch on the two records; nothing is
 * ever guessed, so a number that could mean two things is {@link Invalid}.
 */
public sealed interface Normalized permits Normalized.Valid, Normalized.Invalid {

    /**
     * A recognised number.
     *
     * @param national the digits as dialled from inside China: {@code 4008001234}, {@code 01088880000},
     *                 {@code 13812345678}, {@code 95555}; for international numbers {@code 00} + country
     *                 code + number ({@code 0016502530000})
     * @param e164     the E.164 form ({@code +8613812345678}), or empty for short codes (95xxx, 1010xxxx,
     *                 12xxx, emergency) that cannot be reached from outside China
     * @param kind     what the number is
     */
    record Valid(String national, String e164, Kind kind) implements Normalized {
        public Valid {
            Objects.requireNonNull(national, "national");
            Objects.requireNonNull(e164, "e164");
            Objects.requireNonNull(kind, "kind");
            if (!national.chars().allMatch(c -> c >= '0' && c <= '9') || national.isEmpty()) {
                throw new IllegalArgumentException("national form must be digits: " + national);
            }
        }

        /** The form operators read: E.164 for international numbers, the national digits otherwise. */
        public String display() {
            return kind == Kind.INTERNATIONAL ? e164 : national;
        }
    }

    /**
     * A rejected number.
     *
     * @param reason what is wrong, specific enough to fix the input
     *               (e.g. {@code a 400 number has 10 digits, got 11})
     */
    record Invalid(String reason) implements Normalized {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
