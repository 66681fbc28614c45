package io.switchboard.sip.b2bua;

import io.switchboard.core.lane.Lane;
import io.switchboard.media.bridge.PacketTap;
import io.switchboard.media.rtp.RtpSession;
import io.switchboard.media.sdp.NegotiatedMedia;
import io.switchboard.media.tick.MediaTick;
import java.util.function.Consumer;

/**
 * A caller the switch has answered itself, as an application (an IVR flow) sees it: the caller's RTP
 * session to play announcements into, the keys it presses, its audio (for speech recognition and
 * voicemail), and the ways the call can go on — bridged to someone dialled, or hung up.
 *
 * <p>Every method must be called on {@link #lane()}; listeners are called there too. After the call has
 * ended (either side), methods do nothing.
 */
public interface AnsweredCall {

    String callId();

    /** The caller as presented (an extension, or the number a carrier sent). */
    String caller();

    /** The number the caller dialled. */
    String dialled();

    Lane lane();

    /** The lane's 20 ms media tick, for players. */
    MediaTick tick();

    /** The caller's RTP session (its codec is the one negotiated with the caller). */
    RtpSession session();

    /** What the caller negotiated (codec, telephone-event, direction); null for an offerless INVITE until the ACK. */
    NegotiatedMedia media();

    /** Keys the caller presses (RFC 4733, SIP INFO, or in-band tones), one call per key. */
    void onDigit(Consumer<Character> listener);

    /** Hands the caller's audio packets to {@code tap} (null stops); called on a media event loop, not the lane. */
    void tapCaller(PacketTap tap);

    /** Called once when the call ends, with the reason (the caller hung up, the switch stopped…). */
    void onEnded(Consumer<String> listener);

    /**
     * Calls {@code target} (an extension, or a number for the trunks, as an extension of the caller's would
     * dial it) and bridges the caller to whoever answers.
     */
    Dialing dial(String target, DialListener listener);

    /**
     * Records the bridged call (both parties, as with {@code media.record}) from now to its end; does nothing
     * before {@link #dial} connected someone or when the call is recorded already.
     */
    void record();

    /** Adds {@code key=value} to the call's record. */
    void tag(String key, String value);

    /** Hangs up (BYE to the caller and to anyone bridged). */
    void hangup(String reason);

    /** How a {@link #dial} ends. */
    interface DialListener {
        /** The callee answered; the caller is bridged to {@code party}. */
        void connected(String party);

        /** Nobody answered: {@code "busy"}, {@code "no answer"}, {@code "unreachable"}, or a SIP reason. */
        void failed(String reason);
    }

    /** A dial in progress. */
    interface Dialing {
        /** Stops ringing (CANCEL); no listener call follows. */
        void cancel();
    }
}
