package io.switchboard.media.rtp;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Per-session choices.
 *
 * @param symmetricRtp latch the far end's address to the source of the first accepted packet and
 *                     send there (RFC 4961 symmetric RTP, the usual NAT traversal for phones); packets
 *                     from other sources are then dropped: on epoll the socket is connected to the
 *                     latched source and the kernel drops them, elsewhere they are dropped and counted. When false, packets go to the
 *                     address signalled in SDP and are accepted from any source.
 * @param random       the source of the initial SSRC, sequence number and timestamp
 */
public record RtpSessionOptions(boolean symmetricRtp, RandomGenerator random) {
    public RtpSessionOptions {
        Objects.requireNonNull(random, "random");
    }

    /** Symmetric RTP on; initial SSRC, sequence and timestamp from a freshly seeded L64X128MixRandom. */
    public static RtpSessionOptions defaults() {
        return new RtpSessionOptions(true, RandomGenerator.of("L64X128MixRandom"));
    }
}
