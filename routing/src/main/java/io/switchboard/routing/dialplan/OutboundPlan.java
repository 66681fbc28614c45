package io.switchboard.routing.dialplan;

import io.switchboard.core.config.ConfigException;
import io.switchboard.routing.numbering.Kind;
import io.switchboard.routing.numbering.Normalized;
import io.switchboard.routing.numbering.NumberNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outbound routing: a number an extension dials is normalised, its kind (mobile, fixed, 400, 95,
 * 1010, international…) picks the first rule that covers it and that the extension may use, and
 * the rule's trunks are tried in order. International and every kind no rule names are refused
 * (toll-fraud guard: nothing leaves unless a rule allows it).
 */
public final class OutboundPlan {
    private static final Set<String> RULE_FIELDS = Set.of("kinds", "trunks", "extensions");

    /** Where and how one trunk takes outbound calls. */
    /**
     * A trunk as outbound routing sees it. {@code callerIds} is the pool of our numbers it may present: the
     * first, unless a fixed-line callee's area code matches another one (a local number is answered more often).
     */
    public record TrunkOut(String name, String host, int port, boolean e164, List<String> callerIds) {
        public TrunkOut {
            callerIds = List.copyOf(callerIds);
        }

        /** The caller ID for a call to {@code national}: a pool number in the callee's area, else the first. */
        public String callerIdFor(String national) {
            String area = areaCode(national);
            if (area != null) {
                for (String id : callerIds) {
                    if (id.startsWith(area)) {
                        return id;
                    }
                }
            }
            return callerIds.get(0);
        }

        /** {@code 010}/{@code 02x} (3 digits) or {@code 0xxx} (4 digits) of a Chinese fixed-line number; null otherwise. */
        static String areaCode(String national) {
            if (national.length() < 10 || national.charAt(0) != '0') {
                return null;
            }
            return national.charAt(1) == '1' || national.charAt(1) == '2' ? national.substring(0, 3) : national.substring(0, 4);
        }
    }

    /** One rule. {@code extensions} empty = every extension. */
    public record Rule(Set<Kind> kinds, List<TrunkOut> trunks, Set<String> extensions) { }

    /** A number dialled, ready to send: which trunk, the number in its format, and the caller ID to present. */
    public record Hop(TrunkOut trunk, String number, String callerId) { }

    /** Outcome. */
    public sealed interface Result permits Hops, Refused { }

    public record Hops(List<Hop> hops, String national, Kind kind) implements Result { }

    public record Refused(int status, String reason) implements Result { }

    private final List<Rule> rules;
    private final NumberNormalizer normalizer = new NumberNormalizer();

    public OutboundPlan(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public Result route(String dialled, String extension) {
        Normalized n = normalizer.normalize(dialled);
        if (n instanceof Normalized.Invalid invalid) {
            return new Refused(404, "Not Found (" + invalid.reason() + ")");
        }
        Normalized.Valid v = (Normalized.Valid) n;
        boolean kindRouted = false;
        for (Rule r : rules) {
            if (!r.kinds().contains(v.kind())) {
                continue;
            }
            kindRouted = true;
            if (!r.extensions().isEmpty() && !r.extensions().contains(extension)) {
                continue;
            }
            List<Hop> hops = new ArrayList<>();
            for (TrunkOut t : r.trunks()) {
                String number = t.e164() && !v.e164().isEmpty() ? v.e164() : v.national();
                hops.add(new Hop(t, number, t.callerIdFor(v.national())));
            }
            return new Hops(hops, v.national(), v.kind());
        }
        if (kindRouted || v.kind() == Kind.INTERNATIONAL) {
            return new Refused(403, "Forbidden (" + v.kind() + " calls are not permitted for " + extension + ")");
        }
        return new Refused(404, "Not Found (no outbound route for " + v.kind() + " " + v.national() + ")");
    }

    /** From the parsed {@code trunks:} and {@code outbound:} lists of {@code trunks.yaml}. */
    public static OutboundPlan fromYaml(Object trunkList, Object ruleList, String file) {
        Map<String, TrunkOut> trunks = new LinkedHashMap<>();
        if (trunkList instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && (m.get("to") != null || m.get("registrar") != null)) {
                    String name = String.valueOf(m.get("name"));
                    trunks.put(name, trunkOut(name, m, file));
                }
            }
        }
        if (ruleList == null) {
            return new OutboundPlan(List.of());
        }
        if (!(ruleList instanceof List<?> entries)) {
            throw new ConfigException(file + ": 'outbound' must be a list of {kinds, trunks, extensions}");
        }
        List<Rule> rules = new ArrayList<>();
        int index = 0;
        for (Object o : entries) {
            index++;
            if (!(o instanceof Map<?, ?> m)) {
                throw new ConfigException(file + ": outbound entry " + index + " must be a map");
            }
            for (Object k : m.keySet()) {
                if (!RULE_FIELDS.contains(String.valueOf(k))) {
                    throw new ConfigException(file + ": outbound entry " + index + ": unknown field '" + k + "' (known: " + RULE_FIELDS + ")");
                }
            }
            Set<Kind> kinds = new java.util.HashSet<>();
            int entry = index;
            for (String label : strings(m.get("kinds"), file, index, "kinds")) {
                kinds.add(Kind.fromLabel(label).orElseThrow(() -> new ConfigException(
                        file + ": outbound entry " + entry + ": unknown number kind '" + label + "'")));
            }
            List<TrunkOut> via = new ArrayList<>();
            for (String name : strings(m.get("trunks"), file, index, "trunks")) {
                TrunkOut t = trunks.get(name);
                if (t == null) {
                    throw new ConfigException(file + ": outbound entry " + index + ": trunk '" + name + "' is not defined with a 'to' address or a 'registrar'");
                }
                via.add(t);
            }
            Set<String> exts = m.get("extensions") == null ? Set.of() : Set.copyOf(strings(m.get("extensions"), file, index, "extensions"));
            rules.add(new Rule(Set.copyOf(kinds), via, exts));
        }
        return new OutboundPlan(rules);
    }

    private static TrunkOut trunkOut(String name, Map<?, ?> m, String file) {
        // where calls go: 'to', or a registration trunk's registrar (field names are checked by the SIP core's trunk loader)
        String to = String.valueOf(m.get("to") != null ? m.get("to") : m.get("registrar")).trim();
        if (to.startsWith("sip:")) {
            to = to.substring(4);
        }
        int colon = to.lastIndexOf(':');
        String host = colon > 0 ? to.substring(0, colon) : to;
        int port = 5060;
        if (colon > 0) {
            try {
                port = Integer.parseInt(to.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException(file + ": trunk " + name + ": bad port in 'to: " + to + "'");
            }
        }
        String format = m.get("format") == null ? "national" : String.valueOf(m.get("format"));
        if (!format.equals("national") && !format.equals("e164")) {
            throw new ConfigException(file + ": trunk " + name + ": format must be national or e164, got " + format);
        }
        List<String> callerIds = new ArrayList<>();
        if (m.get("callerId") instanceof List<?> pool) {
            pool.forEach(id -> callerIds.add(String.valueOf(id).trim()));
            if (callerIds.isEmpty()) {
                throw new ConfigException(file + ": trunk " + name + ": 'callerId' lists no number");
            }
        } else {
            callerIds.add(m.get("callerId") == null ? "anonymous" : String.valueOf(m.get("callerId")).trim());
        }
        return new TrunkOut(name, host, port, format.equals("e164"), callerIds);
    }

    private static List<String> strings(Object value, String file, int index, String field) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new ConfigException(file + ": outbound entry " + index + ": '" + field + "' must be a non-empty list");
        }
        return list.stream().map(String::valueOf).toList();
    }
}
