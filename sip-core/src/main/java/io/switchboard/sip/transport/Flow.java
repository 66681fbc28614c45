package io.switchboard.sip.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * Where a message came from: the transport, the peer's address, and the Netty channel it arrived
 * on (the shared datagram channel for UDP, the connection for TCP). Replies and in-dialog requests
 * reuse it (RFC 3261 §18.2.2, connection reuse).
 */
public record Flow(Transport transport, InetSocketAddress remote, Channel channel) {
    public boolean isOpen() {
        return channel != null && channel.isActive();
    }
}
