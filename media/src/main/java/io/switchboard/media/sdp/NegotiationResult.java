package io.switchboard.media.sdp;

import java.util.Objects;

/** The answer to an offer, or the reason there is none. */
public final class NegotiationResult {
    private final String answer;
    private final NegotiatedMedia media;
    private final NegotiationFailure failure;
    private final String detail;

    private NegotiationResult(String answer, NegotiatedMedia media, NegotiationFailure failure, String detail) {
        this.answer = answer;
        this.media = media;
        this.failure = failure;
        this.detail = detail;
    }

    static NegotiationResult accepted(String answer, NegotiatedMedia media) {
        return new NegotiationResult(answer, Objects.requireNonNull(media), null, null);
    }

    static NegotiationResult rejected(NegotiationFailure failure, String detail) {
        return new NegotiationResult(null, null, Objects.requireNonNull(failure), detail);
    }

    public boolean isAccepted() {
        return failure == null;
    }

    /**
     * The answer SDP body (CRLF line ends); only when accepted; null when this result is our processing
     * of the peer's answer ({@link SdpNegotiator#acceptAnswer}).
     */
    public String answer() {
        check();
        return answer;
    }

    /** The negotiated audio parameters; only when accepted. */
    public NegotiatedMedia media() {
        check();
        return media;
    }

    /** Why there is no answer; null when accepted. */
    public NegotiationFailure failure() {
        return failure;
    }

    /** A human-readable detail for logs and the Warning header; null when accepted. */
    public String detail() {
        return detail;
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("offer rejected: " + failure + " (" + detail + ")");
        }
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted " + media : "rejected " + failure + ": " + detail;
    }
}
