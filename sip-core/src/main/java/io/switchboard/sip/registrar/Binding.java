package io.switchboard.sip.registrar;

/**
 * One registered contact of an extension (RFC 3261 §10.3).
 *
 * @param aor the extension number
 * @param contact the Contact URI as registered (URI parameters and escaped headers kept)
 * @param contactParams header parameters of the Contact other than {@code expires} (e.g. {@code +sip.instance}), may be empty
 * @param callId Call-ID of the REGISTER that created or last refreshed it
 * @param cseq its CSeq number
 * @param expiresAtMillis absolute expiry
 * @param transport UDP or TCP: the transport the REGISTER came over
 * @param source the REGISTER's source address {@code ip:port}
 * @param userAgent the registering User-Agent, for the operator
 */
public record Binding(String aor, String contact, String contactParams, String callId, long cseq, long expiresAtMillis,
                      String transport, String source, String userAgent) {

    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }
}
