package io.switchboard.sip.media;

import io.switchboard.core.lane.Lane;
import io.switchboard.media.MediaConfig;
import io.switchboard.media.bridge.CallBridge;
import io.switchboard.media.codec.Codecs;
import io.switchboard.media.record.BridgeRecording;
import io.switchboard.media.record.RecordingWriter;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.rtp.PortAllocator;
import io.switchboard.media.rtp.RtpSessionOptions;
import io.switchboard.media.rtp.RtpTransport;
import io.switchboard.media.sdp.LocalMedia;
import io.switchboard.media.sdp.MediaPolicy;
import io.switchboard.media.sdp.SdpNegotiator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's media engine as the B2BUA sees it: opens a {@link CallBridge} per call, negotiates SDP with
 * the configured codecs, and tells listeners about detected digits. Shared by all lanes; thread-safe.
 */
public final class MediaService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaService.class);
    /** Frames (20 ms stereo, 640 bytes) that may wait for the disk over all calls: about 32 MB. */
    private static final int RECORDING_QUEUE_FRAMES = 50_000;

    private final MediaConfig config;
    private final RecordingWriter recordings;
    private final RtpTransport transport;
    private final MediaPolicy policy;
    private final String advertise;
    private final SdpNegotiator negotiator;
    private final Map<String, SdpNegotiator> preferring = new ConcurrentHashMap<>();
    private final java.util.Set<CallBridge> bridges = ConcurrentHashMap.newKeySet();
    private final List<Consumer<DtmfEvent>> dtmfListeners = new CopyOnWriteArrayList<>();

    private MediaService(MediaConfig config, RtpTransport transport, String advertise, RecordingWriter recordings) {
        this.config = config;
        this.recordings = recordings;
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
    public static MediaService start(MediaConfig config, String sipBind, String sipAdvertise, Path dataDir) throws IOException {
        String bind = config.bind().isBlank() ? sipBind : config.bind();
        InetAddress bindAddress = InetAddress.getByName(bind);
        String advertise = !config.advertise().isBlank() ? config.advertise()
                : bindAddress.isAnyLocalAddress() ? sipAdvertise : bindAddress.getHostAddress();
        RecordingWriter recordings = new RecordingWriter(dataDir, Clock.systemUTC(), RECORDING_QUEUE_FRAMES);
        List<Path> repaired = RecordingWriter.repair(recordings.recordingsDir());
        if (!repaired.isEmpty()) {
            log.warn("recordings: repaired the WAV headers of {} file(s) left by an abrupt stop: {}", repaired.size(), repaired);
        }
        recordings.start();
        io.switchboard.media.codec.OpusCodec.configureComplexity(config.opusComplexity());
        if (config.codecs().contains("opus")) {
            // Load libopus before any other native library of the process: where the bundled copy is
            // used, espeak-ng's dependencies must not have brought another libopus in first (see OpusNative).
            io.switchboard.media.codec.AudioCodec opus = io.switchboard.media.codec.Codecs.forPayloadType(
                    io.switchboard.media.codec.PayloadType.OPUS);
            if (opus instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.debug("closing the warm-up Opus codec: {}", e.toString());
                }
            }
            log.info("media: {} loaded, encoder complexity {}", io.switchboard.media.codec.OpusCodec.library(), config.opusComplexity());
        }
        RtpTransport transport = new RtpTransport(bindAddress, new PortAllocator(config.portMin(), config.portMax()), config.ioThreads(),
                config.schedSliceUs());
        return new MediaService(config, transport, advertise, recordings);
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

    /** True when every answered call is recorded ({@code media.record}). */
    public boolean recordsCalls() {
        return config.record();
    }

    /**
     * Starts recording {@code bridge}'s call to {@code data/recordings/YYYY/MM/DD/<callId>.wav}; the caller
     * ticks the returned recording on the lane's media tick and stops it when the call ends.
     */
    public BridgeRecording record(Lane lane, String callId, CallBridge bridge) {
        BridgeRecording r = new BridgeRecording(lane, recordings.open(callId), Codecs::forPayloadType);
        bridge.tap(r);
        return r;
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
        m.put("recordingFramesDropped", recordings.counters().framesDropped());
        return m;
    }

    public RtpTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
        try {
            if (!recordings.stop(Duration.ofSeconds(5))) {
                log.warn("recordings: the writer did not finish within 5 s; open files were closed as they were");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
