package io.switchboard.sip.trunk;

import java.util.List;

/**
 * Decides how a number dialled by an extension (not another extension) leaves over the trunks:
 * an ordered list of hops tried one after the other (failover on 5xx, 408 and timeouts), or a
 * refusal (an unroutable number, or an international call the extension may not make).
 */
public interface OutboundRouter {

    /** The outcome. */
    sealed interface Decision permits Route, Refuse { }

    /** Try {@code hops} in order. */
    record Route(List<Hop> hops) implements Decision { }

    /** Refuse with this status and reason phrase. */
    record Refuse(int status, String reason) implements Decision { }

    /**
     * One attempt: trunk {@code trunk} at {@code host}:{@code port} (UDP), the Request-URI user
     * {@code number} in the format the carrier wants, presenting {@code callerId}.
     */
    record Hop(String trunk, String host, int port, String number, String callerId) { }

    Decision route(String dialled, String extension);

    /** No outbound routing: a dialled number that is not an extension is not found. */
    OutboundRouter NONE = (dialled, extension) -> new Refuse(404, "Not Found (no extension " + dialled + ")");
}
