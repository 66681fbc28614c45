package io.switchboard.sip.trunk;

import io.switchboard.sip.policy.Cidr;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A carrier SIP trunk authenticated by its address (an "IP trunk"): INVITEs from one of its
 * sources are accepted without digest authentication and routed by the dialled number (DID).
 *
 * @param name operator's name for the trunk, used in logs and CDRs
 * @param sources where the carrier sends from
 */
public record Trunk(String name, List<Source> sources) {

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

    public boolean accepts(InetSocketAddress remote) {
        for (Source s : sources) {
            if (s.matches(remote)) {
                return true;
            }
        }
        return false;
    }
}
