package io.switchboard.sip.transaction;

/** How transactions put bytes on the network (the transport, seen from the transaction layer). */
public interface Wire {
    void send(byte[] bytes, Destination destination);
}
