package io.switchboard.sip.b2bua;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import io.switchboard.sip.dialog.Leg;
import io.switchboard.sip.message.Targets;
import io.switchboard.sip.registrar.Binding;
import io.switchboard.sip.transaction.Destination;
import io.switchboard.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.text.ParseException;
import javax.sip.address.URI;

/**
 * Where the B2BUA sends a leg's requests: a registered contact (over the TCP connection the phone
 * registered on, when it is still open), a leg's first route or remote target (RFC 3261 §12.2.1.1),
 * or the connection the dialog runs on.
 */
final class LegRouter {
    private final LaneContext ctx;
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();

    LegRouter(LaneContext ctx) {
        this.ctx = ctx;
    }

    Destination destinationFor(String uri, Binding binding) {
        URI parsed;
        try {
            parsed = addresses.createURI(uri);
        } catch (ParseException e) {
            return null;
        }
        Destination d = Targets.of(parsed, null);
        if (d == null || binding == null || d.transport() != Transport.TCP) {
            return d;
        }
        // RFC 5626-style reuse: a TCP phone is reached over the connection it registered on.
        InetSocketAddress source = parseSource(binding.source());
        if (source != null && ctx.transport().hasConnection(source) && !ctx.transport().hasConnection(d.address())) {
            return new Destination(Transport.TCP, source, null);
        }
        return d;
    }

    private static InetSocketAddress parseSource(String source) {
        int colon = source.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new InetSocketAddress(source.substring(0, colon), Integer.parseInt(source.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Destination legDestination(Leg leg) {
        if (leg.transport == Transport.TCP && leg.flow != null && leg.flow.isOpen()) {
            return new Destination(Transport.TCP, leg.flow.remote(), leg.flow);
        }
        String target = leg.routeSet.isEmpty() ? leg.remoteTarget : MessageParts.stripBrackets(leg.routeSet.get(0));
        if (target == null) {
            return null;
        }
        return destinationFor(target, null);
    }
}
