package io.switchboard.ivr.verb;

/** How a flow ended: the final action the CDR, dashboards and the simulator report. */
public sealed interface Outcome {

    /** One line for transcripts and logs. */
    String describe();

    /** The caller was handed over: an agent of {@code target} queue, or the dialled {@code target}, answered. */
    record Connected(String kind, String target, String party) implements Outcome {
        @Override
        public String describe() {
            return "connected: " + kind + " " + target + (party == null || party.isEmpty() ? "" : " (" + party + ")");
        }
    }

    /** The flow hung up. */
    record HungUp(String reason) implements Outcome {
        @Override
        public String describe() {
            return "hangup" + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    /** The caller hung up (or closed the conversation) while the flow ran. */
    record CallerHungUp(String reason) implements Outcome {
        @Override
        public String describe() {
            return "caller hung up" + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }
}
