package io.switchboard.sip.trunk;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigKey;
import io.switchboard.sip.policy.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trunks of {@code conf/trunks.yaml} ({@code trunks:} section), validated at load with the entry
 * named in errors: IP trunks ({@code type: ip}, authenticated by their {@code from} addresses) and
 * registration trunks ({@code type: register}: we REGISTER to {@code registrar} with digest credentials,
 * and the registrar's address is a source). Each trunk has a {@link TrunkStatus} for its live state.
 */
public final class Trunks {
    private static final Set<String> FIELDS = Set.of("name", "type", "from", "to", "format", "callerId", "registrar", "username",
            "authUsername", "password", "domain", "expires", "keepalive", "maxChannels", "maxCps", "identity");

    private final List<Trunk> trunks;
    private final Map<String, TrunkStatus> status = new LinkedHashMap<>();

    public Trunks(List<Trunk> trunks) {
        this.trunks = List.copyOf(trunks);
        for (Trunk t : this.trunks) {
            status.put(t.name(), new TrunkStatus(t));
        }
    }

    /** The live state of trunk {@code name} (null for an unknown name). */
    public TrunkStatus status(String name) {
        return status.get(name);
    }

    /** Every trunk's state, for {@code /health}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        status.forEach((k, v) -> m.put(k, v.snapshot()));
        return m;
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
            if (!type.equals("ip") && !type.equals("register")) {
                throw new ConfigException(file + ": trunk " + name + ": type must be 'ip' (calls authenticated by source address) or "
                        + "'register' (we register with the carrier), got '" + type + "'");
            }
            Trunk.Settings settings = settings(m, type.equals("register"), file, name);
            List<Trunk.Source> sources = new ArrayList<>();
            if (m.get("from") != null) {
                if (!(m.get("from") instanceof List<?> from) || from.isEmpty()) {
                    throw new ConfigException(file + ": trunk " + name + ": 'from' must list the carrier's addresses (ip, ip/prefix, ip:port)");
                }
                for (Object f : from) {
                    sources.add(source(String.valueOf(f), file, name));
                }
            }
            if (settings.register()) {
                // the carrier's INVITEs come from its registrar's address (add others with 'from')
                sources.add(source(resolve(settings.registrarHost(), file, name) + ":" + settings.registrarPort(), file, name));
            }
            out.add(new Trunk(name, sources, settings));
        }
        return new Trunks(out);
    }

    private static Trunk.Settings settings(Map<?, ?> m, boolean register, String file, String name) {
        String registrar = text(m, "registrar");
        if (register && registrar == null) {
            throw new ConfigException(file + ": trunk " + name + ": a registration trunk needs 'registrar' (host or host:port)");
        }
        HostPort reg = register ? hostPort(registrar, file, name, "registrar") : null;
        String to = text(m, "to");
        HostPort target = to != null ? hostPort(to, file, name, "to") : reg;
        Trunk.Credentials credentials = null;
        String username = text(m, "username");
        String password = text(m, "password");
        if (username != null || password != null) {
            if (username == null || password == null) {
                throw new ConfigException(file + ": trunk " + name + ": 'username' and 'password' go together");
            }
            String authUser = text(m, "authUsername");
            credentials = new Trunk.Credentials(username, authUser == null ? username : authUser, password);
        } else if (register) {
            throw new ConfigException(file + ": trunk " + name + ": a registration trunk needs 'username' and 'password'");
        }
        Duration expires = duration(m, "expires", "3600s", file, name);
        if (expires.toSeconds() < 30) {
            throw new ConfigException(file + ": trunk " + name + ": 'expires' must be at least 30s");
        }
        Duration keepalive = duration(m, "keepalive", "0s", file, name);
        if (!keepalive.isZero() && keepalive.toSeconds() < 5) {
            throw new ConfigException(file + ": trunk " + name + ": 'keepalive' must be 0 (off) or at least 5s");
        }
        if (!keepalive.isZero() && target == null) {
            throw new ConfigException(file + ": trunk " + name + ": 'keepalive' needs 'to' (where to send OPTIONS)");
        }
        String identity = text(m, "identity") == null ? "from" : text(m, "identity");
        Trunk.Identity id;
        switch (identity) {
            case "from":
                id = Trunk.Identity.FROM;
                break;
            case "pai":
                id = Trunk.Identity.PAI;
                break;
            case "anonymous":
                id = Trunk.Identity.ANONYMOUS;
                break;
            default:
                throw new ConfigException(file + ": trunk " + name + ": 'identity' must be from, pai or anonymous, got '" + identity + "'");
        }
        String domain = text(m, "domain");
        String host = target == null ? null : target.host();
        int port = target == null ? 0 : target.port();
        return new Trunk.Settings(host, port, credentials, register, reg == null ? null : reg.host(), reg == null ? 0 : reg.port(),
                domain != null ? domain : reg != null ? reg.host() : host, expires, keepalive,
                m.get("maxChannels") == null ? 0 : intField(String.valueOf(m.get("maxChannels")), file, name, "maxChannels", 0, 1_000_000),
                m.get("maxCps") == null ? 0 : intField(String.valueOf(m.get("maxCps")), file, name, "maxCps", 0, 100_000), id);
    }

    private record HostPort(String host, int port) { }

    /** {@code host}, {@code host:port} or {@code sip:host:port}. */
    private static HostPort hostPort(String text, String file, String trunk, String field) {
        String t = text.startsWith("sip:") ? text.substring(4) : text;
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) {
            return new HostPort(t.substring(0, colon), intField(t.substring(colon + 1), file, trunk, field, 1, 65535));
        }
        return new HostPort(t, 5060);
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v).trim();
    }

    private static int intField(String text, String file, String trunk, String field, int min, int max) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(file + ": trunk " + trunk + ": '" + field + "' must be a whole number from " + min + " to " + max
                + ", got '" + text + "'");
    }

    private static Duration duration(Map<?, ?> m, String key, String def, String file, String trunk) {
        String v = m.get(key) == null ? def : String.valueOf(m.get(key));
        if (v.matches("\\d+")) {
            v = v + "s";
        }
        try {
            return ConfigKey.parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": trunk " + trunk + ": '" + key + "': " + e.getMessage());
        }
    }

    /** The registrar's IP address (resolved once at start-up): its INVITEs are trusted like an IP trunk's. */
    private static String resolve(String host, String file, String trunk) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(file + ": trunk " + trunk + ": cannot resolve registrar host '" + host + "'");
        }
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
