package io.switchboard.app;

import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.HttpFetcher;
import io.switchboard.ivr.script.FlowVersion;
import io.switchboard.ivr.simulate.Simulator;
import io.switchboard.ivr.source.Problem;
import io.switchboard.ivr.store.FlowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The IVR admin API under {@code /api/ivr/} (JSON; served behind {@link GuardedRoute}, which requires an admin token):
 * <pre>
 * GET  /api/ivr/flows                          flows with their versions and the published one
 * GET  /api/ivr/flows/NAME[?version=N]         one version's text (default: the published one)
 * POST /api/ivr/validate        (YAML body)    200 {problems} or 422 {problems} with file:line:column
 * POST /api/ivr/flows           (YAML body)    save a draft: 201 {flow, version} or 422 {problems}
 * POST /api/ivr/flows/NAME/publish?version=N   publish (atomic; calls in progress keep their version)
 * POST /api/ivr/flows/NAME/rollback?version=N  publish an earlier version again
 * GET  /api/ivr/flows/NAME/diff?from=A&amp;to=B    unified diff (text/plain)
 * POST /api/ivr/simulate?flow=NAME&amp;caller=…&amp;dnis=…&amp;input=…   the conversation as text
 * </pre>
 */
final class IvrRoute implements HttpServer.Route {
    private static final String PREFIX = "/api/ivr/";

    private final FlowStore store;
    private final HttpFetcher http;

    IvrRoute(FlowStore store, HttpFetcher http) {
        this.store = store;
        this.http = http;
    }

    @Override
    public String path() {
        return PREFIX;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public HttpServer.Reply handle(HttpServer.Request r) {
        String[] parts = r.path().substring(PREFIX.length()).split("/");
        String what = parts[0];
        try {
            if (what.equals("validate") && parts.length == 1) {
                return post(r) ? validate(r.body()) : notAllowed(r, "POST");
            }
            if (what.equals("simulate") && parts.length == 1) {
                return post(r) ? simulate(r) : notAllowed(r, "POST");
            }
            if (what.equals("flows")) {
                if (parts.length == 1) {
                    return post(r) ? save(r.body()) : get(r) ? list() : notAllowed(r, "GET, POST");
                }
                String flow = parts[1];
                if (parts.length == 2) {
                    return get(r) ? show(flow, r.param("version")) : notAllowed(r, "GET");
                }
                if (parts.length == 3) {
                    switch (parts[2]) {
                        case "publish", "rollback":
                            return post(r) ? publish(flow, r.param("version"), parts[2]) : notAllowed(r, "POST");
                        case "diff":
                            return get(r) ? diff(flow, r.param("from"), r.param("to")) : notAllowed(r, "GET");
                        default:
                            break;
                    }
                }
            }
        } catch (NoSuchElementException e) {
            return HttpServer.Reply.error(404, e.getMessage());
        } catch (IllegalArgumentException e) {
            return HttpServer.Reply.error(400, e.getMessage());
        }
        return HttpServer.Reply.error(404, "no such IVR API path: " + r.path());
    }

    private HttpServer.Reply list() {
        List<Map<String, Object>> flows = new ArrayList<>();
        for (String name : store.flows()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("published", store.published(name).map(FlowVersion::version).orElse(null));
            f.put("versions", store.versions(name).stream().map(v -> Map.of("version", v.version(), "savedAt", v.savedAt().toString())).toList());
            f.put("numbers", store.published(name).map(v -> v.flow().numbers()).orElse(List.of()));
            flows.add(f);
        }
        return new HttpServer.Reply(200, Map.of("flows", flows));
    }

    private HttpServer.Reply show(String flow, String version) {
        FlowVersion v = version == null
                ? store.published(flow).orElseThrow(() -> new NoSuchElementException("no published flow called " + flow))
                : store.version(flow, number("version", version)).orElseThrow(() -> new NoSuchElementException("flow " + flow + " has no version " + version));
        boolean published = store.published(flow).map(p -> p.version() == v.version()).orElse(false);
        return new HttpServer.Reply(200, Map.of("flow", flow, "version", v.version(), "published", published,
                "savedAt", v.savedAt().toString(), "text", v.text()));
    }

    private HttpServer.Reply validate(String text) {
        FlowStore.SaveResult dry = store.check("request", text);
        return new HttpServer.Reply(dry.problems().stream().anyMatch(Problem::isError) ? 422 : 200, Map.of("problems", problems(dry.problems())));
    }

    private HttpServer.Reply save(String text) {
        FlowStore.SaveResult r = store.save("request", text);
        if (r.version().isEmpty()) {
            return new HttpServer.Reply(422, Map.of("problems", problems(r.problems())));
        }
        FlowVersion v = r.version().get();
        return new HttpServer.Reply(201, Map.of("flow", v.name(), "version", v.version(), "problems", problems(r.problems())));
    }

    private HttpServer.Reply publish(String flow, String version, String how) {
        int n = number("version", required("version", version));
        if (how.equals("rollback")) {
            store.rollback(flow, n);
        } else {
            store.publish(flow, n);
        }
        return new HttpServer.Reply(200, Map.of("flow", flow, "published", n));
    }

    private HttpServer.Reply diff(String flow, String from, String to) {
        return HttpServer.Reply.plain(200, store.diff(flow, number("from", required("from", from)), number("to", required("to", to))));
    }

    private HttpServer.Reply simulate(HttpServer.Request r) {
        String flow = required("flow", r.param("flow"));
        var set = store.snapshot();
        FlowVersion v = set.get(flow).orElseThrow(() -> new NoSuchElementException("no published flow called " + flow));
        String dnis = Optional.ofNullable(r.param("dnis")).orElse(v.flow().numbers().isEmpty() ? "4008001234" : v.flow().numbers().get(0));
        List<String> inputs = r.query().getOrDefault("input", List.of());
        Instant at = r.param("at") == null ? IvrCommand.DEFAULT_TIME.atZone(v.flow().timezone()).toInstant() : Instant.parse(r.param("at"));
        try {
            Simulator.Result result = new Simulator(Limits.defaults(), http, CustomerLookup.NONE).run(set, flow,
                    new Simulator.Call(Optional.ofNullable(r.param("caller")).orElse("+8613800138000"), dnis,
                            Optional.ofNullable(r.param("channel")).orElse("voice"), inputs, at, new LinkedHashMap<>(), true));
            return new HttpServer.Reply(200, Map.of("flow", flow, "version", v.version(), "transcript", result.lines(),
                    "outcome", String.valueOf(result.outcome())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpServer.Reply.error(503, "interrupted");
        }
    }

    private static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", p.at().line());
            m.put("column", p.at().column());
            m.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.put("message", p.message());
            m.put("text", p.toString());
            return m;
        }).toList();
    }

    private static boolean post(HttpServer.Request r) {
        return r.method().equals("POST");
    }

    private static boolean get(HttpServer.Request r) {
        return r.method().equals("GET");
    }

    private static HttpServer.Reply notAllowed(HttpServer.Request r, String allowed) {
        return HttpServer.Reply.error(405, r.method() + " is not allowed on " + r.path() + " (use " + allowed + ")");
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the query parameter '" + name + "' is required");
        }
        return value;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a version number, not '" + value + "'");
        }
    }
}
