package io.switchboard.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.lane.LaneGroup;
import io.switchboard.sip.codec.Decoded;
import io.switchboard.sip.directory.Directory;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.InboundSink;
import io.switchboard.sip.transport.SipTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SIP core of one node: transport, lanes, transactions, registrar and B2BUA wired together. */
public final class SipStack implements InboundSink {
    private static final Logger log = LoggerFactory.getLogger(SipStack.class);

    private final SipConfig config;
    private final Directory directory;
    private final Path dataDir;
    private final SipTransport transport;
    private LaneGroup lanes;

    public SipStack(SipConfig config, Directory directory, Path dataDir) {
        this.config = config;
        this.directory = directory;
        this.dataDir = dataDir;
        this.transport = new SipTransport(config, this);
    }

    public void start() {
        lanes = new LaneGroup("sip-lane", config.lanes());
        transport.start();
    }

    public int port() {
        return transport.port();
    }

    public boolean isRunning() {
        return transport.isRunning();
    }

    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", transport.port());
        m.put("received", transport.received());
        m.put("dropped", transport.dropped());
        m.put("tcpConnections", transport.connections());
        return m;
    }

    @Override
    public void onDecoded(Decoded decoded, Flow flow) {
        if (decoded instanceof Decoded.Drop d) {
            transport.countDrop();
            log.debug("dropped message from {}: {}", flow.remote(), d.reason());
        } else if (decoded instanceof Decoded.Reject r) {
            SIPResponse resp = r.shell().createResponse(r.status(), r.reason());
            transport.send(resp.encodeAsBytes(flow.transport().token()), flow.transport(), flow.remote(), flow);
        } else if (decoded instanceof Decoded.Message m && m.message() instanceof SIPRequest req) {
            SIPResponse resp = req.createResponse(200);
            transport.send(resp.encodeAsBytes(flow.transport().token()), flow.transport(), flow.remote(), flow);
        }
    }

    public void close(Duration grace) {
        transport.stop();
        if (lanes != null) {
            try {
                lanes.shutdown(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
