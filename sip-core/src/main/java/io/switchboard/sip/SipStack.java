package io.switchboard.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.switchboard.core.lane.Lane;
import io.switchboard.core.lane.LaneGroup;
import io.switchboard.sip.auth.DigestAuth;
import io.switchboard.media.tick.MediaTick;
import io.switchboard.sip.b2bua.LaneContext;
import io.switchboard.sip.media.MediaService;
import io.switchboard.sip.codec.CallIdScan;
import io.switchboard.sip.codec.Decoded;
import io.switchboard.sip.codec.SipDecoder;
import io.switchboard.sip.directory.Directory;
import io.switchboard.sip.policy.AbusePolicy;
import io.switchboard.sip.policy.TollFraudGuard;
import io.switchboard.sip.registrar.BindingStore;
import io.switchboard.sip.registrar.Registrar;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transaction.TimerConfig;
import io.switchboard.sip.transaction.TransactionCounters;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transaction.Wire;
import io.switchboard.sip.transport.EventLoopLane;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.InboundSink;
import io.switchboard.sip.transport.SipTransport;
import io.switchboard.sip.trunk.InboundRouter;
import io.switchboard.sip.trunk.OutboundRouter;
import io.switchboard.sip.trunk.TrunkSupervisor;
import io.switchboard.sip.trunk.Trunks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP core of one node: transport, lanes, transactions, registrar and B2BUA wired together.
 * Network threads decode and apply the abuse policy; everything else runs on the lane its
 * Call-ID maps to.
 */
public final class SipStack implements InboundSink {
    private static final Logger log = LoggerFactory.getLogger(SipStack.class);

    private final SipConfig config;
    private final Directory directory;
    private final Trunks trunks;
    private final InboundRouter inbound;
    private final OutboundRouter outbound;
    private final InstantSource clock = InstantSource.system();
    private final SipTransport transport;
    private final BindingStore bindings;
    private final MediaService media;
    private final DigestAuth auth;
    private final AbusePolicy policy;
    private final TransactionCounters counters = new TransactionCounters();
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final LongAdder rejected = new LongAdder();
    private final List<LaneCore> cores = new ArrayList<>();
    private final ThreadLocal<SipDecoder> decoders;
    private LaneGroup lanes;
    private TrunkSupervisor supervisor;
    private ScheduledExecutorService housekeeping;
    private volatile boolean running;
    private io.switchboard.sip.b2bua.CallApplications applications = io.switchboard.sip.b2bua.CallApplications.NONE;

    public SipStack(SipConfig config, Directory directory, Path dataDir, Trunks trunks, InboundRouter inbound,
                    OutboundRouter outbound, MediaService media) {
        this.media = media;
        this.trunks = trunks;
        this.inbound = inbound;
        this.outbound = outbound;
        this.config = config;
        this.directory = directory;
        this.transport = new SipTransport(config, this);
        this.decoders = ThreadLocal.withInitial(() -> new SipDecoder(config.maxHeaderBytes()));
        this.bindings = new BindingStore(dataDir, clock);
        this.auth = new DigestAuth(config.domain(), config.authAlgorithms(), config.nonceLifetime(), clock);
        this.policy = new AbusePolicy(config.requestsPerSecond(), config.requestBurst(), config.authFailuresBeforeBan(),
                config.banTime(), config.exempt(), clock);
        this.policy.tollFraud(new TollFraudGuard(config.outboundFailuresBeforeBlock(), config.outboundFailureWindow(),
                config.outboundBlockTime(), clock));
    }

    private io.switchboard.sip.b2bua.CallRecordListener callListener = io.switchboard.sip.b2bua.CallRecordListener.NONE;

    /** Who hears about every call's start and end (CDRs, customer history); set before {@link #start()}. */
    public void onCall(io.switchboard.sip.b2bua.CallRecordListener listener) {
        this.callListener = java.util.Objects.requireNonNull(listener);
    }

    /** What answers calls inside the switch (IVR flows); set before {@link #start()}. */
    public void applications(io.switchboard.sip.b2bua.CallApplications apps) {
        this.applications = java.util.Objects.requireNonNull(apps);
    }

    public void start() {
        bindings.load();
        transport.start();
        lanes = config.lanes() == 0 ? new LaneGroup(transport.eventLoopLanes()) : new LaneGroup("sip-lane", config.lanes());
        Registrar registrar = new Registrar(config, directory, bindings, auth, policy, clock);
        Wire wire = (bytes, d) -> transport.send(bytes, d.transport(), d.address(), d.flow());
        TimerConfig timers = new TimerConfig(config.t1(), config.t2(), config.t4());
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.lane(i);
            TransactionLayer tl = new TransactionLayer(lane, wire, timers, counters, config.maxTransactions());
            LaneContext ctx = new LaneContext(lane, tl, new StringMsgParser(), config, directory, bindings, auth, policy,
                    transport, clock, activeCalls, config.advertisedHost(), transport.port(), trunks, inbound, outbound, media, new MediaTick(lane),
                    applications);
            LaneCore core = new LaneCore(ctx, registrar, i);
            core.b2bua().onCall(callListener);
            cores.add(core);
            if (i == 0) {
                supervisor = new TrunkSupervisor(lane, 0, tl, ctx::parseOwn, config.advertisedHost(), transport.port(), trunks);
            }
        }
        supervisor.start();
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registrar-flush");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                bindings.purgeExpired();
                bindings.flush();
            } catch (RuntimeException e) {
                log.warn("registrar housekeeping failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        running = true;
        log.info("SIP core ready: domain {}, {} lanes, {} registrations restored", config.domain(), lanes.size(), bindings.size());
    }

    public int port() {
        return transport.port();
    }

    public boolean isRunning() {
        return running && transport.isRunning();
    }

    public MediaService media() {
        return media;
    }

    public BindingStore bindings() {
        return bindings;
    }

    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", transport.port());
        m.put("registrations", bindings.size());
        m.put("activeCalls", activeCalls.get());
        m.put("received", transport.received());
        m.put("dropped", transport.dropped());
        m.put("rejected", rejected.sum());
        m.put("tcpConnections", transport.connections());
        m.put("transactions", counters.snapshot());
        m.put("policy", policy.snapshot());
        m.put("trunks", trunks.snapshot());
        return m;
    }

    public TransactionCounters transactionCounters() {
        return counters;
    }

    @Override
    public void onMessage(byte[] bytes, String framingError, boolean datagram, Flow flow) {
        if (!running || !policy.admit(flow.remote().getAddress())) {
            transport.countDrop();
            return;
        }
        String callId = framingError == null ? CallIdScan.find(bytes, bytes.length) : null;
        Lane lane = callId == null ? null : lanes.laneFor(callId);
        Runnable work = () -> onDecoded(datagram ? decoders.get().decodeDatagram(bytes) : decoders.get().decodeFramed(bytes, framingError), flow);
        if (lane == null || lane.inLane()) {
            EventLoopLane.run(work);
        } else {
            lane.execute(work);
        }
    }

    private void onDecoded(Decoded decoded, Flow flow) {
        if (decoded instanceof Decoded.Message m) {
            String callId = m.message().getCallId().getCallId();
            int index = lanes.laneIndexFor(callId);
            LaneCore core = cores.get(index);
            Lane lane = lanes.lane(index);
            Runnable work = m.message() instanceof SIPRequest req
                    ? () -> core.onRequest(req, flow)
                    : () -> core.onResponse((SIPResponse) m.message());
            if (lane.inLane()) {
                EventLoopLane.run(work); // the receiving event loop owns this Call-ID: no hop
            } else {
                lane.execute(work);
            }
        } else if (decoded instanceof Decoded.Reject r) {
            rejected.increment();
            log.debug("rejecting request from {}: {} {}", flow.remote(), r.status(), r.reason());
            if (r.shell().getTopmostVia() == null) {
                transport.countDrop();
                return;
            }
            SIPResponse resp = r.toResponse();
            Destination to = LaneCore.responseDestination(r.shell().getTopmostVia(), flow);
            transport.send(resp.encodeAsBytes(to.transport().token()), to.transport(), to.address(), to.flow());
        } else if (decoded instanceof Decoded.Drop d) {
            transport.countDrop();
            log.debug("dropped message from {}: {}", flow.remote(), d.reason());
        }
    }

    /**
     * Stops the node: pending calls are answered 503 and established ones hung up, registrations
     * flushed, then listeners and lanes stopped.
     */
    public void close(Duration grace) {
        if (supervisor != null && running) {
            supervisor.stop();
        }
        if (lanes != null && running) {
            CountDownLatch done = new CountDownLatch(cores.size());
            for (int i = 0; i < cores.size(); i++) {
                LaneCore core = cores.get(i);
                lanes.lane(i).execute(() -> {
                    try {
                        core.b2bua().shutdown();
                    } finally {
                        done.countDown();
                    }
                });
            }
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        bindings.flush();
        transport.stop();
        if (lanes != null) {
            try {
                lanes.shutdown(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("SIP core stopped: {} registrations saved", bindings.size());
    }
}
