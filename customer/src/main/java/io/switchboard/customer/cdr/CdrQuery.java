package io.switchboard.customer.cdr;

import java.time.Instant;

/**
 * A CDR search: setup time in [{@code from}, {@code to}) (null = open-ended), a number matching either
 * side or the DNIS (raw or normalised; null = any), an agent (null = any), at most {@code limit} rows,
 * newest first.
 */
public record CdrQuery(Instant from, Instant to, String number, String agentId, int limit) {
    public static final int MAX_LIMIT = 100_000;

    public CdrQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("CDR query limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("CDR query: 'from' (" + from + ") must be before 'to' (" + to + ")");
        }
    }

    public static CdrQuery between(Instant from, Instant to) {
        return new CdrQuery(from, to, null, null, 1000);
    }

    public CdrQuery withNumber(String n) {
        return new CdrQuery(from, to, n, agentId, limit);
    }

    public CdrQuery withAgent(String a) {
        return new CdrQuery(from, to, number, a, limit);
    }

    public CdrQuery withLimit(int l) {
        return new CdrQuery(from, to, number, agentId, l);
    }
}
