package io.switchboard.media.bridge;

import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.switchboard.core.lane.Lane;
import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.dtmf.DtmfDigit;
import io.switchboard.media.rtp.RtpSession;
import io.switchboard.media.rtp.RtpSessionOptions;
import io.switchboard.media.rtp.RtpTransport;
import io.switchboard.media.sdp.NegotiatedMedia;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The anchored media of one call: an RTP session per leg, both on one media event loop, and a
 * {@link Forwarder} per direction that relays between them. The owner (the call's lane) tells it what
 * each leg negotiated; the bridge then relays unchanged when both legs use the same codec and transcodes
 * when they differ, maps telephone-event payload types, honours hold (a direction that must not send is
 * not relayed) and keeps its outgoing streams continuous across renegotiations.
 *
 * <p>Threading: every method runs on the lane; packets never touch the lane (detected digits are posted
 * to it).
 */
public final class CallBridge implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallBridge.class);
    private final Lane lane;
    private final Function<PayloadType, AudioCodec> codecs;
    private final InbandDtmf inband;
    private final Map<Side, RtpSession> sessions = new EnumMap<>(Side.class);
    private final Map<Side, NegotiatedMedia> media = new EnumMap<>(Side.class);
    private final Map<Side, Forwarder> forwarders = new EnumMap<>(Side.class);
    private DtmfListener dtmf = (side, digit, method) -> { };
    private boolean closed;
    private boolean terminating;

    private CallBridge(Lane lane, RtpSession a, RtpSession b, Function<PayloadType, AudioCodec> codecs, InbandDtmf inband) {
        this.lane = lane;
        this.codecs = codecs;
        this.inband = inband;
        sessions.put(Side.A, a);
        sessions.put(Side.B, b);
        for (Side s : Side.values()) {
            Forwarder f = new Forwarder(s, sessions.get(s.other()), this::detected);
            forwarders.put(s, f);
            sessions.get(s).setForwarder(f);
        }
    }

    /**
     * Opens both legs' sessions on one media event loop.
     *
     * @throws IOException when no RTP port pair is free (the call should fail with 503)
     */
    public static CallBridge open(RtpTransport transport, Lane lane, RtpSessionOptions options,
                                  Function<PayloadType, AudioCodec> codecs, InbandDtmf inband) throws IOException {
        EventLoop loop = transport.nextLoop();
        RtpSession a = transport.openOn(lane, options, loop);
        RtpSession b;
        try {
            b = transport.openOn(lane, options, loop);
        } catch (IOException e) {
            a.close();
            throw e;
        }
        return new CallBridge(lane, a, b, codecs, inband);
    }

    /** Our RTP port on leg {@code side}, for its SDP. */
    public int localPort(Side side) {
        return sessions.get(side).localPort();
    }

    public RtpSession session(Side side) {
        return sessions.get(side);
    }

    /** What leg {@code side} negotiated last, or null before its first offer/answer completed. */
    public NegotiatedMedia media(Side side) {
        return media.get(side);
    }

    /**
     * Applies a completed offer/answer on leg {@code side}: where to send (a changed far-end address makes
     * symmetric RTP latch again), the codec and telephone-event numbers, the direction. The relay in both
     * directions is rebuilt.
     */
    public void configure(Side side, NegotiatedMedia m) {
        if (closed) {
            return;
        }
        NegotiatedMedia previous = media.put(side, Objects.requireNonNull(m));
        RtpSession s = sessions.get(side);
        s.setClockRate(m.codec().clockRate());
        if (previous == null || !previous.remoteAddress().equals(m.remoteAddress()) || previous.remotePort() != m.remotePort()) {
            s.relatch(farEnd(m));
        }
        rebuild();
    }

    /**
     * The switch itself is the far end of a leg until the other leg exists (an IVR answered the caller):
     * that leg's keys are detected and its audio tapped although nothing is relayed yet.
     */
    public void terminateUnpairedLegs() {
        terminating = true;
        rebuild();
    }

    /** Where digits detected on either leg go (on the lane). */
    public void onDtmf(DtmfListener listener) {
        this.dtmf = Objects.requireNonNull(listener);
    }

    /** Starts (or with null stops) handing the audio packets of both legs to {@code tap}, e.g. a recorder. */
    public void tap(PacketTap tap) {
        for (Forwarder f : forwarders.values()) {
            f.tap = tap;
        }
    }

    /** True when the legs use different codecs (packets are decoded and re-encoded). */
    public boolean transcoding() {
        Route r = forwarders.get(Side.A).route;
        return r != null && r.transcodes();
    }

    /** Packets received but not relayed (no route yet, on hold, not negotiated), both directions. */
    public long dropped() {
        return forwarders.get(Side.A).dropped.sum() + forwarders.get(Side.B).dropped.sum();
    }

    /** A log-friendly summary: {@code A PCMU/8000 <-> B opus/48000/2 (transcoding)}. */
    public String describe() {
        NegotiatedMedia a = media.get(Side.A);
        NegotiatedMedia b = media.get(Side.B);
        return "A " + (a == null ? "-" : a.codec().rtpmap() + " " + a.direction().attribute()) + " <-> B "
                + (b == null ? "-" : b.codec().rtpmap() + " " + b.direction().attribute()) + (transcoding() ? " (transcoding)" : "");
    }

    /** Closes both sessions (their ports return to the pool) and frees codec state. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Side s : Side.values()) {
            RtpSession session = sessions.get(s);
            Forwarder f = forwarders.get(s);
            EventLoop loop = session.eventLoop();
            Route r = f.route;
            f.route = null;
            f.tap = null;
            if (loop != null) {
                loop.execute(() -> {
                    f.flushEvents();
                    if (r != null) {
                        r.close();
                    }
                });
            } else if (r != null) {
                r.close();
            }
            session.close();
        }
    }

    private void rebuild() {
        for (Side s : Side.values()) {
            NegotiatedMedia in = media.get(s);
            NegotiatedMedia out = media.get(s.other());
            Forwarder f = forwarders.get(s);
            Route old = f.route;
            if (in == null) {
                f.route = null;
            } else if (out == null) {
                f.route = terminating ? Route.terminating(in, codecs, inband) : null;
            } else {
                RtpSession outSession = sessions.get(s.other());
                if ((old == null || !old.relay) && outSession.counters().packetsSent() > 0) {
                    // the lane played announcements on the outgoing stream (an IVR): follow on from them
                    var sender = outSession.sender();
                    int seq = sender.nextSequence();
                    long ts = sender.timestamp();
                    EventLoop loop = sessions.get(s).eventLoop();
                    if (loop != null) {
                        loop.execute(() -> f.continueFrom(seq, ts));
                    }
                }
                f.route = Route.between(in, out, codecs, inband);
            }
            if (old != null) {
                EventLoop loop = sessions.get(s).eventLoop();
                if (loop != null) {
                    loop.execute(old::close);
                } else {
                    old.close();
                }
            }
        }
    }

    private void detected(Side from, DtmfDigit digit, String method) {
        lane.execute(() -> {
            if (!closed) {
                dtmf.onDtmf(from, digit, method);
            }
        });
    }

    /**
     * The far end's RTP address from SDP, or null (nothing is sent until symmetric RTP latches) for hold
     * ({@code 0.0.0.0}, port 0) and for a host name: resolving it would block the lane on DNS, and phones
     * and carriers put IP addresses in {@code c=}.
     */
    private static InetSocketAddress farEnd(NegotiatedMedia m) {
        if (m.remotePort() == 0) {
            return null;
        }
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(m.remoteAddress());
        if (ip == null || ip.isAnyLocalAddress()) {
            if (ip == null) {
                log.info("SDP connection address '{}' is not an IP address: waiting for the far end's first packet", m.remoteAddress());
            }
            return null;
        }
        return new InetSocketAddress(ip, m.remotePort());
    }
}
