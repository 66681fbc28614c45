package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.lane.VirtualLane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A client-transaction TU that records what it hears, with the virtual time. */
final class RecordingListener implements ClientTransaction.Listener {
    private final VirtualLane lane;
    final List<SIPResponse> responses = new ArrayList<>();
    final List<Duration> timeouts = new ArrayList<>();

    RecordingListener(VirtualLane lane) {
        this.lane = lane;
    }

    @Override
    public void onResponse(ClientTransaction tx, SIPResponse response) {
        responses.add(response);
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
        timeouts.add(lane.elapsed());
    }

    List<Integer> statuses() {
        return responses.stream().map(SIPResponse::getStatusCode).toList();
    }
}
