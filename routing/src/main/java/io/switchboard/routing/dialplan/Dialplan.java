package io.switchboard.routing.dialplan;

import io.switchboard.core.config.ConfigException;
import io.switchboard.routing.numbering.Normalized;
import io.switchboard.routing.numbering.NumberNormalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inbound DID routing: each rule maps a number or a pattern to a target, first match wins. The
 * dialled number is normalised first (so {@code 4008001234}, {@code +86 400 800 1234} and
 * {@code 400-800-1234} are one number), then matched against the rules in the national form.
 * Patterns use the operator's familiar Asterisk letters: {@code X} any digit, {@code Z} 1–9,
 * {@code N} 2–9, and a final {@code .} for "one or more of anything".
 */
public final class Dialplan {
    private static final Set<String> FIELDS = Set.of("did", "extension", "flow", "hangup", "schedule");

    /** What a number routes to. */
    public sealed interface Target permits ToExtension, ToFlow, Hangup { }

    /** Ring an extension. */
    public record ToExtension(String extension) implements Target { }

    /** Answer with an IVR flow inside the switch. */
    public record ToFlow(String flow) implements Target { }

    /** Refuse with a SIP status (e.g. 403 for a number that is not in service). */
    public record Hangup(int status) implements Target { }

    /** One rule: {@code pattern} in national digits and pattern letters; applies only while {@code schedule} (if any) is open. */
    public record Rule(String pattern, Target target, Schedule schedule) {
        public Rule(String pattern, Target target) {
            this(pattern, target, null);
        }
    }

    /** The outcome of routing a dialled number. */
    public sealed interface Result permits Routed, Unroutable { }

    /** {@code did} is the normalised national form, {@code kind} its numbering kind label. */
    public record Routed(String did, String kind, Target target) implements Result { }

    /** Nothing to route to: {@code status} 404 for an unknown or invalid number. */
    public record Unroutable(int status, String reason) implements Result { }

    private final List<Rule> rules;
    private final NumberNormalizer normalizer = new NumberNormalizer();

    public Dialplan(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Result route(String dialled) {
        return route(dialled, Instant.now());
    }

    /** Routes {@code dialled} at time {@code now}: a rule with a schedule is skipped while it is closed. */
    public Result route(String dialled, Instant now) {
        Normalized n = normalizer.normalize(dialled);
        if (n instanceof Normalized.Invalid invalid) {
            return new Unroutable(404, "Not Found (invalid number: " + invalid.reason() + ")");
        }
        Normalized.Valid v = (Normalized.Valid) n;
        for (Rule r : rules) {
            if (matches(r.pattern(), v.national()) && (r.schedule() == null || r.schedule().isOpen(now))) {
                return new Routed(v.national(), v.kind().toString(), r.target());
            }
        }
        return new Unroutable(404, "Not Found (no route for " + v.national() + ")");
    }

    static boolean matches(String pattern, String digits) {
        int i = 0;
        for (int p = 0; p < pattern.length(); p++) {
            char c = pattern.charAt(p);
            if (c == '.') {
                return i < digits.length();
            }
            if (i >= digits.length()) {
                return false;
            }
            char d = digits.charAt(i++);
            boolean ok = switch (c) {
                case 'X', 'x' -> d >= '0' && d <= '9';
                case 'Z', 'z' -> d >= '1' && d <= '9';
                case 'N', 'n' -> d >= '2' && d <= '9';
                default -> c == d;
            };
            if (!ok) {
                return false;
            }
        }
        return i == digits.length();
    }

    /** Builds the dialplan from the parsed {@code inbound:} list of {@code trunks.yaml} (no schedules). */
    public static Dialplan fromYaml(Object list, String file) {
        return fromYaml(list, null, file);
    }

    /** Builds the dialplan from the {@code inbound:} list and the {@code schedules:} map of {@code trunks.yaml}. */
    public static Dialplan fromYaml(Object list, Object scheduleMap, String file) {
        Map<String, Schedule> schedules = new java.util.HashMap<>();
        if (scheduleMap != null) {
            if (!(scheduleMap instanceof Map<?, ?> sm)) {
                throw new ConfigException(file + ": 'schedules' must map names to {timezone, hours, holidays}");
            }
            sm.forEach((k, v) -> schedules.put(String.valueOf(k), Schedule.fromYaml(String.valueOf(k), v, file)));
        }
        if (list == null) {
            return new Dialplan(List.of());
        }
        if (!(list instanceof List<?> entries)) {
            throw new ConfigException(file + ": 'inbound' must be a list of {did, extension | hangup}");
        }
        NumberNormalizer normalizer = new NumberNormalizer();
        List<Rule> rules = new ArrayList<>();
        int index = 0;
        for (Object o : entries) {
            index++;
            if (!(o instanceof Map<?, ?> m)) {
                throw new ConfigException(file + ": inbound entry " + index + " must be a map");
            }
            for (Object k : m.keySet()) {
                if (!FIELDS.contains(String.valueOf(k))) {
                    throw new ConfigException(file + ": inbound entry " + index + ": unknown field '" + k + "' (known: " + FIELDS + ")");
                }
            }
            Object did = m.get("did");
            if (did == null || String.valueOf(did).isBlank()) {
                throw new ConfigException(file + ": inbound entry " + index + " needs a 'did' (a number or a pattern)");
            }
            Schedule schedule = null;
            if (m.get("schedule") != null) {
                schedule = schedules.get(String.valueOf(m.get("schedule")));
                if (schedule == null) {
                    throw new ConfigException(file + ": inbound entry " + index + ": schedule '" + m.get("schedule")
                            + "' is not defined under 'schedules:' (defined: " + new java.util.TreeSet<>(schedules.keySet()) + ")");
                }
            }
            rules.add(new Rule(pattern(String.valueOf(did), normalizer, file, index), target(m, file, index), schedule));
        }
        return new Dialplan(rules);
    }

    private static String pattern(String did, NumberNormalizer normalizer, String file, int index) {
        String t = did.trim();
        if (t.chars().anyMatch(ch -> "XxZzNn.".indexOf(ch) >= 0)) {
            String compact = t.replaceAll("[\\s-]", "");
            if (!compact.matches("[0-9XxZzNn]+\\.?")) {
                throw new ConfigException(file + ": inbound entry " + index + ": pattern '" + did
                        + "' may only hold digits, X, Z, N and a final '.'");
            }
            return compact;
        }
        Normalized n = normalizer.normalize(t);
        if (n instanceof Normalized.Invalid invalid) {
            throw new ConfigException(file + ": inbound entry " + index + ": '" + did + "' is not a valid number: " + invalid.reason());
        }
        return ((Normalized.Valid) n).national();
    }

    private static Target target(Map<?, ?> m, String file, int index) {
        Object ext = m.get("extension");
        Object hangup = m.get("hangup");
        Object flow = m.get("flow");
        int given = (ext == null ? 0 : 1) + (hangup == null ? 0 : 1) + (flow == null ? 0 : 1);
        if (given != 1) {
            throw new ConfigException(file + ": inbound entry " + index + " needs exactly one of 'extension', 'flow' or 'hangup'");
        }
        if (ext != null) {
            return new ToExtension(String.valueOf(ext));
        }
        if (flow != null) {
            String name = String.valueOf(flow).trim();
            if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
                throw new ConfigException(file + ": inbound entry " + index + ": 'flow' must be a flow name (letters, digits, _ . -), got '" + flow + "'");
            }
            return new ToFlow(name);
        }
        int status;
        try {
            status = Integer.parseInt(String.valueOf(hangup));
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 400 || status > 699) {
            throw new ConfigException(file + ": inbound entry " + index + ": 'hangup' must be a SIP status from 400 to 699, got " + hangup);
        }
        return new Hangup(status);
    }
}
