package io.switchboard.sip.b2bua;

import io.switchboard.core.lane.Lane;
import io.switchboard.media.bridge.PacketTap;
import io.switchboard.media.bridge.Side;
import io.switchboard.media.rtp.RtpSession;
import io.switchboard.media.sdp.NegotiatedMedia;
import io.switchboard.media.tick.MediaTick;
import java.util.function.Consumer;

/**
 * The {@link AnsweredCall} of a call the B2BUA answered for an application: a view of the {@link Call}
 * plus the application's listeners and the dial in progress. Lane-confined like the call.
 */
final class LocalCall implements AnsweredCall {

    /** What only the B2BUA can do for the call. */
    interface Ops {
        void dial(Call call, String target);

        void cancelDial(Call call);

        void hangup(Call call, String reason);

        void record(Call call);
    }

    private final Call call;
    private final Ops ops;
    private final Lane lane;
    private final MediaTick tick;
    final String application;
    private final String caller;
    private final String dialled;
    private Consumer<Character> digits = d -> { };
    private Consumer<String> ended = r -> { };
    private DialListener dialListener;
    /** Which dial the current forks belong to (forks of an earlier, given-up dial are ignored). */
    int dialGeneration;
    boolean started;
    private boolean over;

    LocalCall(Call call, Ops ops, Lane lane, MediaTick tick, String application, String caller, String dialled) {
        this.call = call;
        this.ops = ops;
        this.lane = lane;
        this.tick = tick;
        this.application = application;
        this.caller = caller;
        this.dialled = dialled;
    }

    @Override
    public String callId() {
        return call.a.callId;
    }

    @Override
    public String caller() {
        return caller;
    }

    @Override
    public String dialled() {
        return dialled;
    }

    @Override
    public Lane lane() {
        return lane;
    }

    @Override
    public MediaTick tick() {
        return tick;
    }

    @Override
    public RtpSession session() {
        return call.media.bridge.session(Side.A);
    }

    @Override
    public NegotiatedMedia media() {
        return call.media.bridge.media(Side.A);
    }

    @Override
    public void onDigit(Consumer<Character> listener) {
        this.digits = listener == null ? d -> { } : listener;
    }

    @Override
    public void tapCaller(PacketTap tap) {
        if (!over) {
            call.media.bridge.tap(tap == null ? null : (from, codec, ssrc, seq, ts, payload, at) -> {
                if (from == Side.A) {
                    tap.onPacket(from, codec, ssrc, seq, ts, payload, at);
                }
            });
        }
    }

    @Override
    public void onEnded(Consumer<String> listener) {
        this.ended = listener == null ? r -> { } : listener;
    }

    @Override
    public Dialing dial(String target, DialListener listener) {
        if (over || call.b != null) {
            lane.execute(() -> listener.failed(over ? "call ended" : "already bridged"));
            return () -> { };
        }
        if (dialListener != null) {
            ops.cancelDial(call);
        }
        dialGeneration++;
        int generation = dialGeneration;
        dialListener = listener;
        ops.dial(call, target);
        return () -> {
            if (generation == dialGeneration && dialListener != null) {
                dialListener = null;
                ops.cancelDial(call);
            }
        };
    }

    @Override
    public void record() {
        if (!over && call.b != null) {
            ops.record(call);
        }
    }

    @Override
    public void tag(String key, String value) {
        call.cdr.tags.put(key, value);
    }

    @Override
    public void hangup(String reason) {
        if (!over) {
            ops.hangup(call, reason);
        }
    }

    // ---- from the B2BUA ----

    void digit(char d) {
        if (!over && call.b == null) {
            digits.accept(d);
        }
    }

    void dialFailed(String reason) {
        DialListener l = dialListener;
        dialListener = null;
        if (l != null && !over) {
            l.failed(reason);
        }
    }

    void connected(String party) {
        DialListener l = dialListener;
        dialListener = null;
        if (l != null && !over) {
            l.connected(party);
        }
    }

    void ended(String reason) {
        if (over) {
            return;
        }
        over = true;
        dialListener = null;
        ended.accept(reason);
    }
}
