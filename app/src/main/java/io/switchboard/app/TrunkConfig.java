package io.switchboard.app;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.YamlFiles;
import io.switchboard.routing.dialplan.Dialplan;
import io.switchboard.routing.dialplan.OutboundPlan;
import io.switchboard.sip.trunk.InboundRouter;
import io.switchboard.sip.trunk.OutboundRouter;
import io.switchboard.sip.trunk.Trunk;
import io.switchboard.sip.trunk.Trunks;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code conf/trunks.yaml}: the carrier trunks (SIP core) and the inbound DID dialplan (routing),
 * joined here into the {@link InboundRouter} the B2BUA asks for trunk calls.
 */
record TrunkConfig(Trunks trunks, Dialplan dialplan, OutboundPlan outboundPlan) implements InboundRouter, OutboundRouter {
    private static final Set<String> SECTIONS = Set.of("trunks", "inbound", "outbound", "schedules");

    static TrunkConfig load(Path file) {
        Object doc = YamlFiles.load(file);
        if (doc == null) {
            return new TrunkConfig(Trunks.none(), new Dialplan(java.util.List.of()), new OutboundPlan(java.util.List.of()));
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new ConfigException(file + ": expected a map with 'trunks' and 'inbound'");
        }
        for (Object k : root.keySet()) {
            if (!SECTIONS.contains(String.valueOf(k))) {
                throw new ConfigException(file + ": unknown section '" + k + "' (known: " + SECTIONS + ")");
            }
        }
        return new TrunkConfig(Trunks.fromYaml(root.get("trunks"), file.toString()),
                Dialplan.fromYaml(root.get("inbound"), root.get("schedules"), file.toString()),
                OutboundPlan.fromYaml(root.get("trunks"), root.get("outbound"), file.toString()));
    }

    @Override
    public OutboundRouter.Decision route(String dialled, String extension) {
        OutboundPlan.Result r = outboundPlan.route(dialled, extension);
        if (r instanceof OutboundPlan.Refused refused) {
            if (refused.status() == 404 && outboundPlan.isEmpty()) {
                return OutboundRouter.NONE.route(dialled, extension);
            }
            return new OutboundRouter.Refuse(refused.status(), refused.reason());
        }
        return new OutboundRouter.Route(((OutboundPlan.Hops) r).hops().stream()
                .map(h -> new OutboundRouter.Hop(h.trunk().name(), h.trunk().host(), h.trunk().port(), h.number(), h.callerId()))
                .toList());
    }

    @Override
    public InboundRouter.Decision route(String dialled, Trunk trunk) {
        Dialplan.Result result = dialplan.route(dialled);
        if (result instanceof Dialplan.Unroutable u) {
            return new InboundRouter.Refuse(u.status(), u.reason());
        }
        Dialplan.Routed routed = (Dialplan.Routed) result;
        if (routed.target() instanceof Dialplan.Hangup h) {
            return new InboundRouter.Refuse(h.status(), null);
        }
        if (routed.target() instanceof Dialplan.ToFlow f) {
            return new InboundRouter.ToFlow(f.flow(), routed.did());
        }
        return new InboundRouter.ToExtension(((Dialplan.ToExtension) routed.target()).extension(), routed.did());
    }
}
