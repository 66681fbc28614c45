package io.switchboard.sip.trunk;

/**
 * Decides where a call arriving on a trunk goes, from the dialled number as the carrier sent it
 * (any notation: {@code 4008001234}, {@code +864008001234}, {@code 400-800-1234}). Implemented
 * by the dialplan of the routing module; the SIP core only acts on the decision.
 */
public interface InboundRouter {

    /** Where the call goes, or why it is refused. */
    sealed interface Decision permits ToExtension, ToFlow, Refuse { }

    /** Ring a local extension; {@code did} is the normalised dialled number (for the CDR and logs). */
    record ToExtension(String extension, String did) implements Decision { }

    /** Answer with an application (an IVR flow) inside the switch. */
    record ToFlow(String flow, String did) implements Decision { }

    /** Refuse with this final status and reason phrase. */
    record Refuse(int status, String reason) implements Decision { }

    Decision route(String dialled, Trunk trunk);

    /** No dialplan: every trunk call is refused. */
    InboundRouter NONE = (dialled, trunk) -> new Refuse(404, "Not Found (no dialplan)");
}
