package io.switchboard.sip.trunk;

import io.switchboard.core.config.ConfigException;
import io.switchboard.sip.policy.Cidr;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IP trunks of {@code conf/trunks.yaml} ({@code trunks:} section), validated at load with the
 * entry named in errors. Registration trunks (we REGISTER to the carrier) come with issue #4's next
 * step and are refused with a clear message until then.
 */
public final class Trunks {
    private static final Set<String> FIELDS = Set.of("name", "type", "from", "to", "format", "callerId");

    private final List<Trunk> trunks;

    public Trunks(List<Trunk> trunks) {
        this.trunks = List.copyOf(trunks);
    }

    public static Trunks none() {
        return new Trunks(List.of());
    }

    public List<Trunk> all() {
        return trunks;
    }

    /** The trunk {@code remote} belongs to, if any. */
    public Optional<Trunk> match(InetSocketAddress remote) {
        for (Trunk t : trunks) {
            if (t.accepts(remote)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Builds the trunks from the parsed {@code trunks:} list; {@code file} names the source in errors. */
    public static Trunks fromYaml(Object list, String file) {
        if (list == null) {
            return none();
        }
        if (!(list instanceof List<?> entries)) {
            throw new ConfigException(file + ": 'trunks' must be a list");
        }
        List<Trunk> out = new ArrayList<>();
        int index = 0;
        for (Object o : entries) {
            index++;
            if (!(o instanceof Map<?, ?> m)) {
                throw new ConfigException(file + ": trunks entry " + index + " must be a map");
            }
            for (Object k : m.keySet()) {
                if (!FIELDS.contains(String.valueOf(k))) {
                    throw new ConfigException(file + ": trunks entry " + index + ": unknown field '" + k + "' (known: " + FIELDS + ")");
                }
            }
            String name = m.get("name") == null ? null : String.valueOf(m.get("name"));
            if (name == null || name.isBlank()) {
                throw new ConfigException(file + ": trunks entry " + index + " needs a 'name'");
            }
            String type = m.get("type") == null ? "ip" : String.valueOf(m.get("type"));
            if (!type.equals("ip")) {
                throw new ConfigException(file + ": trunk " + name + ": type '" + type
                        + "' is not supported yet (only 'ip': inbound calls authenticated by source address)");
            }
            if (m.get("from") == null) {
                out.add(new Trunk(name, List.of())); // outbound only
                continue;
            }
            if (!(m.get("from") instanceof List<?> from) || from.isEmpty()) {
                throw new ConfigException(file + ": trunk " + name + ": 'from' must list the carrier's addresses (ip, ip/prefix, ip:port)");
            }
            List<Trunk.Source> sources = new ArrayList<>();
            for (Object f : from) {
                sources.add(source(String.valueOf(f), file, name));
            }
            out.add(new Trunk(name, sources));
        }
        return new Trunks(out);
    }

    private static Trunk.Source source(String text, String file, String trunk) {
        String t = text.trim();
        int port = 0;
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) { // IPv4 with a port; IPv6 literals have several colons
            try {
                port = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException(file + ": trunk " + trunk + ": bad port in '" + text + "'");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigException(file + ": trunk " + trunk + ": port out of range in '" + text + "'");
            }
            t = t.substring(0, colon);
        }
        try {
            return new Trunk.Source(Cidr.parse(t), port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": trunk " + trunk + ": '" + text + "' is not an address or CIDR: " + e.getMessage());
        }
    }
}
