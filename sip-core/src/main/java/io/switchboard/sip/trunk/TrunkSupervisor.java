package io.switchboard.sip.trunk;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.id.Ids;
import io.switchboard.core.lane.Lane;
import io.switchboard.core.lane.LaneGroup;
import io.switchboard.sip.auth.DigestClient;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trunks alive, on one lane: registration trunks stay registered with their carrier
 * (REGISTER with digest credentials, refreshed before expiry, retried with exponential back-off after a
 * failure, {@code 423} answered with the carrier's Min-Expires), and trunks with a {@code keepalive} are
 * probed with OPTIONS (any response but 503 means up; a timeout or 503 means down, and outbound calls skip
 * the trunk until it answers again). States are in each trunk's {@link TrunkStatus}; changes are logged.
 */
public final class TrunkSupervisor {
    private static final Logger log = LoggerFactory.getLogger(TrunkSupervisor.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofMinutes(10);

    private final Lane lane;
    private final int laneIndex;
    private final TransactionLayer transactions;
    private final Function<byte[], SIPRequest> parser;
    private final String host;
    private final int port;
    private final Trunks trunks;
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<String, Lane.TimerHandle> probes = new HashMap<>();
    private final Map<String, InetSocketAddress> addresses = new HashMap<>();
    private boolean stopped;

    /**
     * @param lane         where everything runs; Call-IDs are pinned to it so responses come back here
     * @param laneIndex    its index in the lane group
     * @param transactions the lane's transaction layer
     * @param parser       parses the requests we write
     * @param host         our advertised host (Via, Contact)
     * @param port         our SIP port
     */
    public TrunkSupervisor(Lane lane, int laneIndex, TransactionLayer transactions, Function<byte[], SIPRequest> parser,
                           String host, int port, Trunks trunks) {
        this.lane = lane;
        this.laneIndex = laneIndex;
        this.transactions = transactions;
        this.parser = parser;
        this.host = host;
        this.port = port;
        this.trunks = trunks;
    }

    /** Starts registering and probing (call on any thread). */
    public void start() {
        for (Trunk t : trunks.all()) {
            // resolved here, once, so the lane never waits for DNS
            if (t.settings().host() != null) {
                addresses.put(t.name(), new InetSocketAddress(t.settings().host(), t.settings().port()));
            }
            if (t.settings().register()) {
                addresses.put(t.name() + "|registrar", new InetSocketAddress(t.settings().registrarHost(), t.settings().registrarPort()));
            }
        }
        lane.execute(() -> {
            for (Trunk t : trunks.all()) {
                if (t.settings().register()) {
                    Registration r = new Registration(t, trunks.status(t.name()));
                    registrations.add(r);
                    log.info("trunk {}: registering as {} at {} (every {} s)", t.name(), r.aor(), r.registrar(), t.settings().expires().toSeconds());
                    r.send(null);
                }
                if (!t.settings().keepalive().isZero()) {
                    log.info("trunk {}: OPTIONS keepalive to {} every {} s", t.name(), hostPort(t), t.settings().keepalive().toSeconds());
                    probe(t);
                }
            }
        });
    }

    /** Stops the timers and unregisters (Expires: 0) from every carrier we are registered with. */
    public void stop() {
        lane.execute(() -> {
            stopped = true;
            probes.values().forEach(Lane.TimerHandle::cancel);
            for (Registration r : registrations) {
                r.timer.cancel();
                if (r.status.registration() == TrunkStatus.Registration.REGISTERED) {
                    r.unregister();
                }
            }
        });
    }

    // ---- OPTIONS keepalive ---------------------------------------------------------------------

    private void probe(Trunk t) {
        if (stopped) {
            return;
        }
        TrunkStatus status = trunks.status(t.name());
        String uri = "sip:" + hostPort(t);
        String callId = LaneGroup.pinnedPrefix(laneIndex) + Ids.token(20);
        String text = "OPTIONS " + uri + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\n"
                + "From: <sip:switchboard@" + host + ">;tag=" + Ids.token(10) + "\r\n" + "To: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\n" + "Contact: <sip:switchboard@" + host + ":" + port + ">\r\n"
                + "Accept: application/sdp\r\nContent-Length: 0\r\n\r\n";
        transactions.send(parser.apply(bytes(text)), destination(t), new ClientTransaction.Listener() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse r) {
                if (r.getStatusCode() >= 200) {
                    boolean up = r.getStatusCode() != 503;
                    verdict(t, status, up, r.getStatusCode() + " " + r.getReasonPhrase());
                }
            }

            @Override
            public void onTimeout(ClientTransaction tx) {
                verdict(t, status, false, "no answer to OPTIONS");
            }
        });
        probes.put(t.name(), lane.schedule(t.settings().keepalive(), () -> probe(t)));
    }

    private static void verdict(Trunk t, TrunkStatus status, boolean up, String detail) {
        boolean was = status.reachable();
        status.reachable(up, detail);
        if (was != up) {
            if (up) {
                log.info("trunk {} is up again ({})", t.name(), detail);
            } else {
                log.warn("trunk {} is DOWN ({}): outbound calls skip it until it answers", t.name(), detail);
            }
        }
    }

    // ---- registration -------------------------------------------------------------------------

    /** One registration trunk's REGISTER dialog. */
    private final class Registration {
        final Trunk trunk;
        final TrunkStatus status;
        final String callId = LaneGroup.pinnedPrefix(laneIndex) + Ids.token(20);
        final String fromTag = Ids.token(10);
        long cseq;
        long expiresAsked;
        String lastNonce;
        int nonceCount;
        int failures;
        Lane.TimerHandle timer = Lane.TimerHandle.NONE;

        Registration(Trunk trunk, TrunkStatus status) {
            this.trunk = trunk;
            this.status = status;
            this.expiresAsked = trunk.settings().expires().toSeconds();
        }

        String aor() {
            return "sip:" + trunk.settings().credentials().username() + "@" + trunk.settings().domain();
        }

        String registrar() {
            return trunk.settings().registrarHost() + (trunk.settings().registrarPort() == 5060 ? "" : ":" + trunk.settings().registrarPort());
        }

        String requestUri() {
            return "sip:" + registrar();
        }

        Destination target() {
            return new Destination(Transport.UDP, addresses.get(trunk.name() + "|registrar"), null);
        }

        void send(String authorization) {
            long asked = expiresAsked;
            cseq++;
            String text = "REGISTER " + requestUri() + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\n"
                    + "From: <" + aor() + ">;tag=" + fromTag + "\r\n" + "To: <" + aor() + ">\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n"
                    + "Contact: <sip:" + trunk.settings().credentials().username() + "@" + host + ":" + port + ">\r\n"
                    + "Expires: " + asked + "\r\n" + (authorization == null ? "" : authorization + "\r\n")
                    + "User-Agent: Switchboard\r\nContent-Length: 0\r\n\r\n";
            transactions.send(parser.apply(bytes(text)), target(), new ClientTransaction.Listener() {
                @Override
                public void onResponse(ClientTransaction tx, SIPResponse r) {
                    if (r.getStatusCode() >= 200) {
                        onFinal(r);
                    }
                }

                @Override
                public void onTimeout(ClientTransaction tx) {
                    failed("no answer from " + registrar());
                }
            });
        }

        void onFinal(SIPResponse r) {
            int s = r.getStatusCode();
            if (s >= 200 && s < 300) {
                long granted = granted(r);
                failures = 0;
                long until = lane.clock().millis() + granted * 1000;
                boolean was = status.registration() == TrunkStatus.Registration.REGISTERED;
                status.registration(TrunkStatus.Registration.REGISTERED, "200 OK, expires " + granted + "s", until);
                if (!was) {
                    log.info("trunk {}: registered as {} at {} for {} s", trunk.name(), aor(), registrar(), granted);
                }
                long refresh = granted <= 120 ? granted / 2 : granted - 60;
                timer = lane.schedule(Duration.ofSeconds(Math.max(1, refresh)), () -> {
                    if (!stopped) {
                        send(null);
                    }
                });
                return;
            }
            if (s == 401 || s == 407) {
                String header = s == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
                DigestClient.Challenge c = DigestClient.parse(r.getHeader(header) == null ? null
                        : r.getHeader(header).toString().substring(header.length() + 1).trim());
                if (c == null) {
                    failed(s + " with a challenge we cannot answer");
                    return;
                }
                if (c.nonce().equals(lastNonce) && !c.stale()) {
                    failed(s + ": the carrier rejected our credentials for " + trunk.settings().credentials().authUsername());
                    return;
                }
                nonceCount = c.nonce().equals(lastNonce) ? nonceCount + 1 : 1;
                lastNonce = c.nonce();
                Trunk.Credentials cred = trunk.settings().credentials();
                String value = DigestClient.authorization(c, "REGISTER", requestUri(), cred.authUsername(), cred.password(), nonceCount);
                send((s == 401 ? "Authorization: " : "Proxy-Authorization: ") + value);
                return;
            }
            if (s == 423 && r.getHeader("Min-Expires") != null) {
                try {
                    expiresAsked = Long.parseLong(r.getHeader("Min-Expires").toString().substring("Min-Expires:".length()).trim());
                    send(null);
                    return;
                } catch (NumberFormatException e) {
                    // reported as a failure below
                }
            }
            failed(s + " " + r.getReasonPhrase());
        }

        long granted(SIPResponse r) {
            ContactList contacts = r.getContactHeaders();
            String mine = "@" + host + ":" + port;
            if (contacts != null) {
                for (Iterator<?> it = contacts.listIterator(); it.hasNext();) {
                    Contact c = (Contact) it.next();
                    if (c.getAddress().getURI().toString().contains(mine) && c.getExpires() >= 0) {
                        return c.getExpires();
                    }
                }
            }
            return r.getExpires() != null ? r.getExpires().getExpires() : expiresAsked;
        }

        void failed(String reason) {
            failures++;
            lastNonce = null;
            long backoff = Math.min(MAX_RETRY.toSeconds(), FIRST_RETRY.toSeconds() << Math.min(failures - 1, 10));
            status.registration(TrunkStatus.Registration.FAILED, reason + "; retry in " + backoff + "s", 0);
            log.warn("trunk {}: registration failed ({}); retrying in {} s", trunk.name(), reason, backoff);
            timer = lane.schedule(Duration.ofSeconds(backoff), () -> {
                if (!stopped) {
                    status.registration(TrunkStatus.Registration.REGISTERING, "retrying", 0);
                    send(null);
                }
            });
        }

        void unregister() {
            expiresAsked = 0;
            cseq++;
            String text = "REGISTER " + requestUri() + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\n"
                    + "From: <" + aor() + ">;tag=" + fromTag + "\r\n" + "To: <" + aor() + ">\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n"
                    + "Contact: <sip:" + trunk.settings().credentials().username() + "@" + host + ":" + port + ">\r\n"
                    + "Expires: 0\r\nContent-Length: 0\r\n\r\n";
            transactions.sendStateless(bytes(text), target());
            status.registration(TrunkStatus.Registration.NONE, "unregistered at shutdown", 0);
        }
    }

    private String via() {
        return "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bKsb" + Ids.token(16) + ";rport\r\n";
    }

    private static String hostPort(Trunk t) {
        return t.settings().host() + (t.settings().port() == 5060 ? "" : ":" + t.settings().port());
    }

    private Destination destination(Trunk t) {
        return new Destination(Transport.UDP, addresses.get(t.name()), null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
