package io.switchboard.sip.trunk;

import io.switchboard.sip.policy.Cidr;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A carrier SIP trunk. INVITEs from one of its sources are accepted without digest authentication and
 * routed by the dialled number (DID). A registration trunk also keeps us registered with the carrier
 * (its registrar is then a source too), and either kind may answer the carrier's challenges to our
 * outbound calls with credentials.
 *
 * @param name     operator's name for the trunk, used in logs and CDRs
 * @param sources  where the carrier sends from
 * @param settings where we send, credentials, registration, keepalive and limits
 */
public record Trunk(String name, List<Source> sources, Settings settings) {

    public Trunk(String name, List<Source> sources) {
        this(name, sources, Settings.NONE);
    }

    /** An address block and, optionally, the one source port the carrier uses (0 = any port). */
    public record Source(Cidr cidr, int port) {
        @Override
        public String toString() {
            return cidr + (port == 0 ? "" : " port " + port);
        }

        boolean matches(InetSocketAddress remote) {
            return (port == 0 || port == remote.getPort()) && cidr.contains(remote.getAddress());
        }
    }

    /** Digest credentials for the carrier: the user, the authentication user when it differs, the password. */
    public record Credentials(String username, String authUsername, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    /** How the caller's identity is presented to the carrier (RFC 3325, RFC 3323). */
    public enum Identity {
        /** The caller ID in From only. */
        FROM,
        /** The caller ID in From and in P-Asserted-Identity (a trusted carrier). */
        PAI,
        /** From anonymous, the caller ID only in P-Asserted-Identity, with Privacy: id. */
        ANONYMOUS
    }

    /**
     * @param host        where our requests go (the {@code to} address or the registrar); null = inbound only
     * @param port        its port
     * @param credentials for registration and for challenged outbound calls; null = none
     * @param register    true for a registration trunk
     * @param registrarHost where REGISTERs go (null unless {@code register})
     * @param registrarPort its port
     * @param domain      the registration's domain (To/From host); defaults to the registrar host
     * @param expires     the registration time asked for
     * @param keepalive   OPTIONS interval (zero = no keepalive)
     * @param maxChannels concurrent calls on the trunk, both directions (0 = no limit)
     * @param maxCps      new calls per second on the trunk, both directions (0 = no limit)
     * @param identity    the caller identity style the carrier wants
     */
    public record Settings(String host, int port, Credentials credentials, boolean register, String registrarHost, int registrarPort,
                           String domain, Duration expires, Duration keepalive, int maxChannels, int maxCps, Identity identity) {
        public static final Settings NONE = new Settings(null, 0, null, false, null, 0, null, Duration.ofHours(1), Duration.ZERO, 0, 0,
                Identity.FROM);
    }

    public boolean accepts(InetSocketAddress remote) {
        for (Source s : sources) {
            if (s.matches(remote)) {
                return true;
            }
        }
        return false;
    }
}
