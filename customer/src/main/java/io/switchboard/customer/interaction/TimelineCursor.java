package io.switchboard.customer.interaction;

import java.time.Instant;

/**
 * Where the next timeline page starts: the (start time, id) of the last interaction returned. Keyset
 * paging stays correct while new interactions arrive, unlike offsets. Opaque to API clients:
 * {@code <epoch micros>.<id>}.
 */
public record TimelineCursor(Instant startedAt, long id) {

    public String encode() {
        long micros = startedAt.getEpochSecond() * 1_000_000L + startedAt.getNano() / 1000;
        return micros + "." + id;
    }

    /** Parses {@link #encode()}'s form; anything else is an {@link IllegalArgumentException} naming the cursor. */
    public static TimelineCursor parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        try {
            if (dot <= 0) {
                throw new NumberFormatException();
            }
            long micros = Long.parseLong(text.substring(0, dot));
            long id = Long.parseLong(text.substring(dot + 1));
            return new TimelineCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000), id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid timeline cursor '" + text + "'");
        }
    }
}
