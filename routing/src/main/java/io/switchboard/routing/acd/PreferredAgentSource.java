package io.switchboard.routing.acd;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the sticky agent comes from: the customer's last agent on any channel. The customer module owns
 * interaction history; the app implements this port with it and puts the answer into
 * {@link TaskRequest#preferredAgent()} before enqueueing, so the ACD never reads storage on its lane.
 */
@FunctionalInterface
public interface PreferredAgentSource {

    /**
     * The agent who last handled {@code customerId} within {@code within}, if any.
     *
     * @param customerId the app's customer key
     * @param within how far back a previous interaction still counts (the queue's sticky window)
     */
    Optional<String> lastAgent(String customerId, Duration within);

    /** No history: never sticky. */
    PreferredAgentSource NONE = (customer, within) -> Optional.empty();
}
