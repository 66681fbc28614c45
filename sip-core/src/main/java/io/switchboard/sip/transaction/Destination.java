package io.switchboard.sip.transaction;

import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.Transport;
import java.net.InetSocketAddress;

/** Where a message goes: transport and address, and the flow to reuse when it is still open. */
public record Destination(Transport transport, InetSocketAddress address, Flow flow) {

    public static Destination of(Flow flow) {
        return new Destination(flow.transport(), flow.remote(), flow);
    }

    public boolean reliable() {
        return transport.reliable();
    }
}
