package io.switchboard.sip.media;

import io.switchboard.core.lane.Lane;
import io.switchboard.media.MediaConfig;
import io.switchboard.media.bridge.CallBridge;
import io.switchboard.media.codec.Codecs;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.rtp.PortAllocator;
import io.switchboard.media.rtp.RtpSessionOptions;
import io.switchboard.media.rtp.RtpTransport;
import io.switchboard.media.sdp.LocalMedia;
import io.switchboard.media.sdp.MediaPolicy;
import io.switchboard.media.sdp.SdpNegotiator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The node's media engine as the B2BUA sees it: opens a {@link CallBridge} per call, negotiates SDP with
 * the configured codecs, and tells listeners about detected digits. Shared by all lanes; thread-safe.
 */
public final class MediaService implements AutoCloseable {
    private final MediaConfig config;
    private final RtpTransport transport;
    private final MediaPolicy policy;
    private final String advertise;
    private final SdpNegotiator negotiator;
    private final Map<String, SdpNegotiator> preferring = new ConcurrentHashMap<>();
    private final java.util.Set<CallBridge> bridges = ConcurrentHashMap.newKeySet();
    private final List<Consumer<DtmfEvent>> dtmfListeners = new CopyOnWriteArrayList<>();

    private MediaService(MediaConfig config, RtpTransport transport, String advertise) {
        this.config = config;
        this.transport = transport;
        this.advertise = advertise;
        List<PayloadType> codecs = new ArrayList<>();
        for (String name : config.codecs()) {
            codecs.add(payloadType(name));
        }
        this.policy = new MediaPolicy(codecs, config.telephoneEvent(), config.ptimeMs());
        this.negotiator = new SdpNegotiator(policy);
    }

    /**
     * Starts the media event loops.
     *
     * @param sipBind      the SIP bind address (the default for {@code media.bind})
     * @param sipAdvertise the SIP advertised host (the default for {@code media.advertiseAddress})
     */
    public static MediaService start(MediaConfig config, String sipBind, String sipAdvertise) throws UnknownHostException {
        String bind = config.bind().isBlank() ? sipBind : config.bind();
        InetAddress bindAddress = InetAddress.getByName(bind);
        String advertise = !config.advertise().isBlank() ? config.advertise()
                : bindAddress.isAnyLocalAddress() ? sipAdvertise : bindAddress.getHostAddress();
        RtpTransport transport = new RtpTransport(bindAddress, new PortAllocator(config.portMin(), config.portMax()), config.ioThreads());
        return new MediaService(config, transport, advertise);
    }

    /** A new bridge (two RTP sessions) for a call on {@code lane}. */
    public CallBridge openBridge(Lane lane) throws IOException {
        CallBridge b = CallBridge.open(transport, lane, new RtpSessionOptions(config.symmetricRtp(), ThreadLocalRandom.current()),
                Codecs::forPayloadType, config.inbandDtmf());
        bridges.add(b);
        return b;
    }

    /** Forgets a bridge its call closed (for {@link #stats}). */
    public void bridgeClosed(CallBridge b) {
        bridges.remove(b);
    }

    /** Our side of an SDP body on {@code port}. */
    public LocalMedia local(int port, long sessionId, long version) {
        return new LocalMedia(advertise, port, sessionId, version);
    }

    /** Negotiates with the configured codec preference. */
    public SdpNegotiator negotiator() {
        return negotiator;
    }

    /**
     * Negotiates preferring {@code codec} (then the configured order): answering one leg with the codec the
     * other leg settled on avoids transcoding whenever the offer allows it.
     */
    public SdpNegotiator preferring(PayloadType codec) {
        return preferring.computeIfAbsent(codec.rtpmap().toLowerCase(java.util.Locale.ROOT), k -> {
            List<PayloadType> order = new ArrayList<>();
            for (PayloadType p : policy.codecs()) {
                if (p.sameCodecAs(codec)) {
                    order.add(p);
                }
            }
            for (PayloadType p : policy.codecs()) {
                if (!p.sameCodecAs(codec)) {
                    order.add(p);
                }
            }
            return new SdpNegotiator(new MediaPolicy(order, policy.telephoneEvent(), policy.ptimeMs()));
        });
    }

    /** Subscribes to digits detected on any call. */
    public void onDtmf(Consumer<DtmfEvent> listener) {
        dtmfListeners.add(listener);
    }

    /** Publishes a detected digit to the listeners (called on the call's lane). */
    public void publish(DtmfEvent e) {
        for (Consumer<DtmfEvent> l : dtmfListeners) {
            l.accept(e);
        }
    }

    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bridges", bridges.size());
        m.put("transcoding", (int) bridges.stream().filter(CallBridge::transcoding).count());
        m.put("portsInUse", 2 * transport.ports().inUseCount());
        m.put("portsFree", 2 * transport.ports().freeCount());
        m.put("epoll", transport.isEpoll());
        return m;
    }

    public RtpTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
    }

    private static PayloadType payloadType(String name) {
        switch (name) {
            case "PCMU":
                return PayloadType.PCMU;
            case "PCMA":
                return PayloadType.PCMA;
            case "opus":
                return PayloadType.OPUS;
            default:
                throw new IllegalArgumentException("unknown codec " + name);
        }
    }

}
