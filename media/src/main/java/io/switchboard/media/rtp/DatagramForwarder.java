package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Takes the datagrams a session accepted (valid RTP, from the latched source) on the session's event
 * loop: the hook a bridge uses to relay without a thread hop per packet. The buffer is released after
 * the call returns; keep it only with {@link ByteBuf#retain()}.
 */
@FunctionalInterface
public interface DatagramForwarder {
    void onDatagram(ByteBuf datagram);
}
