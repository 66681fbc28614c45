package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.lane.VirtualLane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Wire} that records every message sent, parsed back, with the virtual time it left. */
public final class RecordingWire implements Wire {

    /** One message put on the wire. */
    public record Sent(Duration at, SIPMessage message, Destination destination) {
        public boolean isResponse() {
            return message instanceof SIPResponse;
        }

        public int status() {
            return ((SIPResponse) message).getStatusCode();
        }

        public SIPRequest request() {
            return (SIPRequest) message;
        }

        public SIPResponse response() {
            return (SIPResponse) message;
        }
    }

    private final VirtualLane lane;
    private final List<Sent> sent = new ArrayList<>();

    public RecordingWire(VirtualLane lane) {
        this.lane = lane;
    }

    @Override
    public void send(byte[] bytes, Destination destination) {
        sent.add(new Sent(lane.elapsed(), Sip.parse(bytes), destination));
    }

    public List<Sent> sent() {
        return sent;
    }

    public Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** Virtual times (since the lane started) at which messages were sent. */
    public List<Duration> times() {
        return sent.stream().map(Sent::at).toList();
    }

    public void clear() {
        sent.clear();
    }
}
