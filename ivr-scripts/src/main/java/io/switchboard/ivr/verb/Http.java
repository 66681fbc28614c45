package io.switchboard.ivr.verb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ivr.expr.Expr;
import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Template;
import io.switchboard.ivr.expr.Values;
import io.switchboard.ivr.port.HttpFetcher;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code http}: call a web service (JSON), with a time limit; the answer goes into a variable. A
 * connection error, a timeout, a status other than 2xx go to {@code onFailure} (or the flow's error path),
 * never to dead air. The request runs off the call's lane; its result comes back on the lane.
 */
public record Http(Template url, String method, Map<String, Template> headers, Object body, Duration timeout,
        String into, StepRef onFailure) implements Verb {

    static final VerbType TYPE = new VerbType("http", Set.of("method", "headers", "body", "timeout", "into",
            "onFailure"), "response", true, Http::parse);
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Http parse(StepReader r) {
        Template url = r.template("http");
        if (!r.has("http")) {
            r.missing("http", "the address to call, e.g. http: \"https://api.example.com/orders/${order_no}\"");
        } else if (url != null && url.isConstant() && !url.source().matches("(?i)https?://.+")) {
            r.error(r.value("http"), "the address must start with http:// or https://");
        }
        String method = r.string("method", r.has("body") ? "POST" : "GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            r.error(r.value("method"), "'method' must be one of GET, POST, PUT, PATCH, DELETE");
        }
        Map<String, Template> headers = new LinkedHashMap<>();
        Node h = r.value("headers");
        if (h instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                ScalarNode k = r.scalar(t.getKeyNode(), "headers", "a header name");
                Template v = r.templateOf(t.getValueNode(), "headers");
                if (k != null && v != null) {
                    headers.put(k.getValue(), v);
                }
            }
        } else if (h != null) {
            r.error(h, "'headers' must be a map of header names and values");
        }
        Node b = r.value("body");
        return new Http(url, method, headers, b == null ? null : body(r, b),
                r.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(30)),
                r.variable("into", "response"), r.stepRef("onFailure"));
    }

    /** A body as written: text is a template, text starting with '=' an expression, the rest literal. */
    private static Object body(StepReader r, Node n) {
        if (n instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.getValue().forEach(t -> out.put(String.valueOf(StepReader.literal(t.getKeyNode())), body(r, t.getValueNode())));
            return out;
        }
        if (n instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            s.getValue().forEach(item -> out.add(body(r, item)));
            return out;
        }
        ScalarNode s = (ScalarNode) n;
        if (!s.getTag().equals(org.snakeyaml.engine.v2.nodes.Tag.STR)) {
            return StepReader.literal(s);
        }
        var site = io.switchboard.ivr.source.ScalarSite.of(r.problems(), s);
        return s.getValue().startsWith("=") ? r.exprs().compile(s.getValue().substring(1), site.sub(1), r.problems(), false)
                : r.exprs().template(site, r.problems());
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<StepRef> targets() {
        return onFailure == null ? List.of() : List.of(onFailure);
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        String address = url.render(ctx.scope());
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new FlowException("the http address '" + address + "' is not valid");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new FlowException("the http address '" + address + "' must start with http:// or https://");
        }
        Map<String, String> h = new LinkedHashMap<>();
        for (Map.Entry<String, Template> e : headers.entrySet()) {
            h.put(e.getKey(), e.getValue().render(ctx.scope()));
        }
        String payload = null;
        if (body != null) {
            Object rendered = render(ctx, body);
            payload = rendered instanceof String s ? s : json(rendered);
            h.putIfAbsent("Content-Type", payload.startsWith("{") || payload.startsWith("[")
                    ? "application/json" : "text/plain; charset=utf-8");
        }
        h.putIfAbsent("Accept", "application/json");
        CompletableFuture<HttpFetcher.Reply> reply = ctx.http().fetch(new HttpFetcher.Request(method, uri, h, payload, timeout));
        String what = method + " " + address;
        ctx.schedule(timeout, () -> {
            reply.cancel(true);
            failed(ctx, what + ": no answer within " + io.switchboard.ivr.source.Durations.format(timeout));
        });
        ctx.await(reply, (r, failure) -> {
            if (failure != null) {
                failed(ctx, what + ": " + describe(failure));
            } else if (r.status() < 200 || r.status() > 299) {
                failed(ctx, what + ": the service answered " + r.status());
            } else {
                ctx.set(into, parse(r));
                ctx.note("http " + what + " → " + r.status() + " → " + into);
                ctx.next();
            }
        });
        return () -> reply.cancel(true);
    }

    private void failed(VerbContext ctx, String reason) {
        if (onFailure == null) {
            ctx.fail(reason);
        } else {
            ctx.set("error", reason);
            ctx.note("http failed: " + reason + " → " + onFailure.step());
            ctx.goTo(onFailure);
        }
    }

    private static Object parse(HttpFetcher.Reply r) {
        String text = r.body() == null ? "" : r.body();
        String t = text.stripLeading();
        if (r.contentType().contains("json") || t.startsWith("{") || t.startsWith("[")) {
            try {
                return Values.fromJson(JSON.readTree(text));
            } catch (JsonProcessingException e) {
                return text;
            }
        }
        return text;
    }

    private static Object render(VerbContext ctx, Object part) throws FlowException {
        if (part instanceof Template t) {
            return t.render(ctx.scope());
        }
        if (part instanceof Expr e) {
            return Values.toJava(e.eval(ctx.scope()));
        }
        if (part instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), render(ctx, e.getValue()));
            }
            return out;
        }
        if (part instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(render(ctx, o));
            }
            return out;
        }
        return part;
    }

    private static String json(Object value) throws FlowException {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new FlowException("the http body cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static String describe(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof TimeoutException || c instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (c instanceof java.net.ConnectException) {
            return "cannot connect";
        }
        if (c instanceof java.util.concurrent.CancellationException) {
            return "cancelled";
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
