package io.switchboard.media.bridge;

import io.switchboard.media.dtmf.DtmfDigit;

/** Receives the digits a bridge detected, on the call's lane. */
@FunctionalInterface
public interface DtmfListener {
    /**
     * @param from   the leg the digit came from
     * @param digit  the key
     * @param method {@code rfc4733} (telephone-event packets) or {@code inband} (tones in the audio)
     */
    void onDtmf(Side from, DtmfDigit digit, String method);
}
