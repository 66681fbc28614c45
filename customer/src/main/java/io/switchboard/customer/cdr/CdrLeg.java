package io.switchboard.customer.cdr;

import java.time.Instant;

/**
 * One leg of a call (the B2BUA's A leg from the caller, B legs to agents or the PSTN), with its own
 * numbers as signalled and normalised, and its own timestamps and final SIP status (null while unknown).
 */
public record CdrLeg(String legId, String fromRaw, String fromE164, String toRaw, String toE164, String trunk,
                     Instant startedAt, Instant answeredAt, Instant endedAt, Integer sipStatus) {
    public CdrLeg {
        if (legId == null || legId.isBlank()) {
            throw new IllegalArgumentException("a CDR leg needs an id");
        }
    }
}
