package io.switchboard.sip;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * Typed configuration of the SIP core, with every key's default inside this module. Timer names
 * follow RFC 3261 §17 and Table 4.
 */
public record SipConfig(
        String bind, int port, List<String> transports, String domain, String advertise,
        Duration t1, Duration t2, Duration t4, Duration ringTimeout,
        int maxHeaderBytes, int maxBodyBytes, Duration tcpIdleTimeout,
        Duration minExpires, Duration maxExpires, Duration defaultExpires, int maxContactsPerAor, int maxBindings,
        List<String> authAlgorithms, Duration nonceLifetime,
        int maxTransactions, int maxCalls,
        int requestsPerSecond, int requestBurst, int authFailuresBeforeBan, Duration banTime, List<String> exempt,
        int lanes, int ioThreads, int udpBufferBytes, int maxConnections,
        int outboundFailuresBeforeBlock, Duration outboundFailureWindow, Duration outboundBlockTime) {

    public static final ConfigKey<String> BIND = ConfigKey.string("sip.bind", "127.0.0.1", "address the SIP UDP/TCP listeners bind to");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("sip.port", 5060, 1, 65535, "SIP port (UDP and TCP)");
    public static final ConfigKey<List<String>> TRANSPORTS = ConfigKey.list("sip.transports", "udp,tcp", "SIP transports to listen on", "udp", "tcp");
    public static final ConfigKey<String> DOMAIN = ConfigKey.string("sip.domain", "switchboard.local", "SIP domain and digest realm");
    public static final ConfigKey<String> ADVERTISE = ConfigKey.string("sip.advertise", "", "host put in Via/Contact when it differs from sip.bind (behind NAT); empty = sip.bind");
    public static final ConfigKey<Duration> T1 = ConfigKey.duration("sip.timers.t1", "500ms", "RFC 3261 T1, RTT estimate");
    public static final ConfigKey<Duration> T2 = ConfigKey.duration("sip.timers.t2", "4s", "RFC 3261 T2, max retransmit interval for non-INVITE requests and INVITE responses");
    public static final ConfigKey<Duration> T4 = ConfigKey.duration("sip.timers.t4", "5s", "RFC 3261 T4, max time a message stays in the network");
    public static final ConfigKey<Duration> RING_TIMEOUT = ConfigKey.duration("sip.ringTimeout", "60s", "how long a call rings before it fails with 408");
    public static final ConfigKey<Integer> MAX_HEADER = ConfigKey.integer("sip.limits.maxHeaderBytes", 16384, 1024, 1 << 20, "largest header section accepted");
    public static final ConfigKey<Integer> MAX_BODY = ConfigKey.integer("sip.limits.maxBodyBytes", 65536, 0, 16 << 20, "largest body accepted over TCP");
    public static final ConfigKey<Duration> TCP_IDLE = ConfigKey.duration("sip.tcp.idleTimeout", "10m", "close TCP connections idle this long");
    public static final ConfigKey<Duration> MIN_EXPIRES = ConfigKey.duration("sip.registrar.minExpires", "60s", "shortest registration accepted (shorter gets 423)");
    public static final ConfigKey<Duration> MAX_EXPIRES = ConfigKey.duration("sip.registrar.maxExpires", "3600s", "longest registration granted (longer is cut down)");
    public static final ConfigKey<Duration> DEFAULT_EXPIRES = ConfigKey.duration("sip.registrar.defaultExpires", "3600s", "registration time when the REGISTER gives none");
    public static final ConfigKey<Integer> MAX_CONTACTS = ConfigKey.integer("sip.registrar.maxContactsPerAor", 10, 1, 1000, "contacts one extension may register");
    public static final ConfigKey<Integer> MAX_BINDINGS = ConfigKey.integer("sip.limits.maxBindings", 100000, 1, 10_000_000, "registrations held in all");
    public static final ConfigKey<List<String>> AUTH_ALGORITHMS = ConfigKey.list("sip.auth.algorithms", "MD5", "digest algorithms challenged with, in order (RFC 8760); e.g. SHA-256,MD5. Responses with either algorithm are accepted. Many phones (baresip 1.0) fail on a SHA-256 challenge, hence MD5 alone by default", "MD5", "SHA-256");
    public static final ConfigKey<Duration> NONCE_LIFETIME = ConfigKey.duration("sip.auth.nonceLifetime", "300s", "how long a digest nonce is valid before stale=true");
    public static final ConfigKey<Integer> MAX_TRANSACTIONS = ConfigKey.integer("sip.limits.maxTransactions", 1_000_000, 100, 10_000_000, "open transactions held in all; beyond it new requests get 503");
    public static final ConfigKey<Integer> MAX_CALLS = ConfigKey.integer("sip.limits.maxCalls", 50000, 1, 10_000_000, "concurrent calls; beyond it new INVITEs get 503");
    public static final ConfigKey<Integer> RPS = ConfigKey.integer("sip.policy.requestsPerSecond", 200, 1, 1_000_000, "requests per second one source address may send (token bucket)");
    public static final ConfigKey<Integer> BURST = ConfigKey.integer("sip.policy.requestBurst", 400, 1, 10_000_000, "burst size of the per-source request limit");
    public static final ConfigKey<Integer> AUTH_FAILURES = ConfigKey.integer("sip.policy.authFailuresBeforeBan", 10, 1, 10000, "failed digest authentications from one address before it is banned");
    public static final ConfigKey<Duration> BAN_TIME = ConfigKey.duration("sip.policy.banTime", "10m", "how long a banned address is ignored");
    public static final ConfigKey<List<String>> EXEMPT = ConfigKey.list("sip.policy.exempt", "127.0.0.0/8,::1/128", "addresses/CIDRs the request rate limit does not apply to (failed-auth bans still do)");
    public static final ConfigKey<Integer> LANES = ConfigKey.integer("sip.lanes", 0, 0, 256, "call-logic threads; 0 = run call logic on the network event loops (no thread hop; the default), N = N threads of their own");
    public static final ConfigKey<Integer> IO_THREADS = ConfigKey.integer("sip.ioThreads", 0, 0, 256, "network I/O threads; 0 = number of cores");
    public static final ConfigKey<Integer> UDP_BUFFER = ConfigKey.integer("sip.udp.bufferBytes", 4 << 20, 65536, 256 << 20, "UDP socket receive/send buffer size");

    public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.integer("sip.limits.maxConnections", 10000, 1, 1_000_000, "open TCP connections; beyond it new ones are closed at once");

    public static final ConfigKey<Integer> OUT_FAILURES = ConfigKey.integer("sip.policy.outboundFailuresBeforeBlock", 10, 0, 100000,
            "refused outbound attempts (international without permission, unroutable numbers) by one extension within the window "
                    + "that block its outbound calls and log an ALERT (toll-fraud guard); 0 = off");
    public static final ConfigKey<Duration> OUT_WINDOW = ConfigKey.duration("sip.policy.outboundFailureWindow", "60s",
            "the toll-fraud guard's window");
    public static final ConfigKey<Duration> OUT_BLOCK = ConfigKey.duration("sip.policy.outboundBlockTime", "30m",
            "how long the toll-fraud guard blocks an extension's outbound calls");

    public static List<ConfigKey<?>> keys() {
        return List.of(BIND, PORT, TRANSPORTS, DOMAIN, ADVERTISE, T1, T2, T4, RING_TIMEOUT, MAX_HEADER, MAX_BODY, TCP_IDLE,
                MIN_EXPIRES, MAX_EXPIRES, DEFAULT_EXPIRES, MAX_CONTACTS, MAX_BINDINGS, AUTH_ALGORITHMS, NONCE_LIFETIME,
                MAX_TRANSACTIONS, MAX_CALLS, RPS, BURST, AUTH_FAILURES, BAN_TIME, EXEMPT, LANES, IO_THREADS, UDP_BUFFER, MAX_CONNECTIONS,
                OUT_FAILURES, OUT_WINDOW, OUT_BLOCK);
    }

    public static SipConfig from(Config c) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (c.get(AUTH_ALGORITHMS).isEmpty()) {
            throw new io.switchboard.core.config.ConfigException("sip.auth.algorithms must name at least one of MD5, SHA-256");
        }
        if (c.get(TRANSPORTS).isEmpty()) {
            throw new io.switchboard.core.config.ConfigException("sip.transports must name at least one of udp, tcp");
        }
        return new SipConfig(c.get(BIND), c.get(PORT), c.get(TRANSPORTS), c.get(DOMAIN), c.get(ADVERTISE),
                c.get(T1), c.get(T2), c.get(T4), c.get(RING_TIMEOUT), c.get(MAX_HEADER), c.get(MAX_BODY), c.get(TCP_IDLE),
                c.get(MIN_EXPIRES), c.get(MAX_EXPIRES), c.get(DEFAULT_EXPIRES), c.get(MAX_CONTACTS), c.get(MAX_BINDINGS),
                c.get(AUTH_ALGORITHMS), c.get(NONCE_LIFETIME), c.get(MAX_TRANSACTIONS), c.get(MAX_CALLS),
                c.get(RPS), c.get(BURST), c.get(AUTH_FAILURES), c.get(BAN_TIME), c.get(EXEMPT),
                c.get(LANES), c.get(IO_THREADS) == 0 ? cores : c.get(IO_THREADS), c.get(UDP_BUFFER),
                c.get(MAX_CONNECTIONS), c.get(OUT_FAILURES), c.get(OUT_WINDOW), c.get(OUT_BLOCK));
    }

    /** The host we write into Via and Contact. */
    public String advertisedHost() {
        return advertise.isBlank() ? bind : advertise;
    }
}
