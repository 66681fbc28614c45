package io.switchboard.sip.b2bua;

import java.util.Optional;

/**
 * What answers calls inside the switch instead of ringing a phone: IVR flows and voice bots. The B2BUA
 * asks {@link #applicationFor} when an extension dials a number that is not an extension (an internal
 * test call to the hotline), and takes the dialplan's {@code flow:} target for trunk calls; it answers
 * the caller itself (its own SDP answer, an RTP session of its own) and hands the call over with
 * {@link #start} once the caller's ACK has arrived.
 */
public interface CallApplications {

    /** The application (flow name) that answers calls to {@code dialled} (as dialled), if any. */
    Optional<String> applicationFor(String dialled);

    /** The switch answered a call for {@code application}; called on the call's lane. */
    void start(String application, AnsweredCall call);

    /** No applications: every number goes to the extensions and trunks. */
    CallApplications NONE = new CallApplications() {
        @Override
        public Optional<String> applicationFor(String dialled) {
            return Optional.empty();
        }

        @Override
        public void start(String application, AnsweredCall call) {
            call.hangup("no application " + application);
        }
    };
}
