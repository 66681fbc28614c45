package io.switchboard.app;

import io.switchboard.ivr.exec.JdkHttpFetcher;
import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.FlowCompiler;
import io.switchboard.ivr.script.FlowParser;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.simulate.Simulator;
import io.switchboard.ivr.source.DefaultCatalog;
import io.switchboard.ivr.source.Problem;
import io.switchboard.ivr.source.Suggest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code bin/switchboard ivr}: {@code validate FILE...} prints every problem as
 * {@code file:line:column: message} and exits 1 when there is an error; {@code simulate FLOW} runs a
 * flow as a text conversation and prints it. Exit codes as {@link Main}: 0 ok, 1 the flows have errors,
 * 2 bad usage.
 */
final class IvrCommand {
    /** The simulator's default clock: Monday 5 January 2026, 10:00 in the flow's time zone (office hours). */
    static final LocalDateTime DEFAULT_TIME = LocalDateTime.of(2026, 1, 5, 10, 0);

    private IvrCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            (args.isEmpty() ? err : out).print(usage());
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "validate" -> validate(rest, out, err);
            case "simulate" -> simulate(rest, out, err);
            default -> {
                err.println("switchboard: unknown ivr command '" + args.get(0) + "'");
                err.print(usage());
                yield 2;
            }
        };
    }

    private static int validate(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("switchboard: ivr validate needs the flow files, e.g. bin/switchboard ivr validate conf/ivr/*.yaml");
            return 2;
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("-")) {
                err.println("switchboard: unknown flag '" + a + "' for ivr validate");
                return 2;
            }
            try {
                files.put(a, Files.readString(Path.of(a), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("switchboard: cannot read " + a + ": " + e.getMessage());
                return 2;
            }
        }
        Map<String, FlowCompiler.Result> results = new FlowCompiler(new DefaultCatalog())
                .compileAll(files, siblingFlows(files.keySet()));
        int errors = 0;
        int warnings = 0;
        for (FlowCompiler.Result r : results.values()) {
            for (Problem p : r.problems()) {
                out.println(p);
                if (p.isError()) {
                    errors++;
                } else {
                    warnings++;
                }
            }
        }
        err.println(results.size() + (results.size() == 1 ? " file" : " files") + " checked: " + errors
                + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
        return errors == 0 ? 0 : 1;
    }

    /** Names of the flows in the other {@code .yaml} files of the given files' directories (possible subflows). */
    private static Set<String> siblingFlows(Set<String> given) {
        Set<String> names = new TreeSet<>();
        Set<Path> dirs = new TreeSet<>();
        for (String f : given) {
            Path parent = Path.of(f).toAbsolutePath().getParent();
            if (parent != null) {
                dirs.add(parent);
            }
        }
        for (Path d : dirs) {
            for (Path p : yamlFiles(d)) {
                try {
                    FlowParser.nameOf(Files.readString(p)).ifPresent(names::add);
                } catch (IOException e) {
                    // an unreadable sibling is simply not a known flow
                }
            }
        }
        return names;
    }

    private static int simulate(List<String> args, PrintStream out, PrintStream err) {
        quietEngineLogs();
        SimulateArgs a;
        try {
            a = SimulateArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("switchboard: " + e.getMessage());
            err.print(usage());
            return 2;
        }
        Path dir = a.flow().endsWith(".yaml") ? Path.of(a.flow()).toAbsolutePath().getParent() : a.conf().resolve("ivr");
        if (dir == null || !Files.isDirectory(dir)) {
            err.println("switchboard: no flow directory " + dir);
            return 2;
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : yamlFiles(dir)) {
            try {
                files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("switchboard: cannot read " + p + ": " + e.getMessage());
                return 2;
            }
        }
        List<Flow> flows = new ArrayList<>();
        boolean broken = false;
        for (FlowCompiler.Result r : new FlowCompiler(new DefaultCatalog()).compileAll(files).values()) {
            for (Problem p : r.problems()) {
                if (p.isError()) {
                    out.println(p);
                    broken = true;
                }
            }
            r.flow().ifPresent(flows::add);
        }
        if (broken) {
            err.println("switchboard: fix the errors above before simulating");
            return 1;
        }
        String name = a.flow();
        if (name.endsWith(".yaml")) {
            name = FlowParser.nameOf(files.getOrDefault(Path.of(a.flow()).toAbsolutePath().toString(), "")).orElse(name);
        }
        FlowSet set = FlowSet.of(flows);
        String flowName = name;
        Flow flow = set.get(name).map(v -> v.flow()).orElse(null);
        if (flow == null) {
            err.println("switchboard: there is no flow called '" + flowName + "' in " + dir
                    + Suggest.didYouMean(flowName, set.all().keySet()));
            return 2;
        }
        Instant at = a.at() != null ? a.at() : DEFAULT_TIME.atZone(flow.timezone()).toInstant();
        String dnis = a.dnis() != null ? a.dnis() : flow.numbers().isEmpty() ? "4008001234" : flow.numbers().get(0);
        out.println("simulating flow " + flowName + " · caller " + a.caller() + " → " + dnis + " · channel "
                + a.channel() + " · " + at.atZone(flow.timezone()).toLocalDateTime() + " " + flow.timezone()
                + (a.inputs().isEmpty() ? "" : " · inputs " + String.join(", ", a.inputs())));
        try {
            Simulator.Result r = new Simulator(Limits.defaults(), new JdkHttpFetcher(), CustomerLookup.NONE).run(set,
                    flowName, new Simulator.Call(a.caller(), dnis, a.channel(), a.inputs(), at,
                            new LinkedHashMap<>(a.vars()), !a.busy()));
            out.print(r.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return 0;
    }

    /** The transcript already says what the engine would log; keep the terminal to the conversation. */
    private static void quietEngineLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("io.switchboard.ivr").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The options of {@code ivr simulate}. */
    record SimulateArgs(String flow, String caller, String dnis, String channel, List<String> inputs,
            Map<String, Object> vars, Instant at, boolean busy, Path conf) {

        static SimulateArgs parse(List<String> args) {
            String flow = null;
            String caller = "+8613800138000";
            String dnis = null;
            String channel = "voice";
            List<String> inputs = new ArrayList<>();
            Map<String, Object> vars = new LinkedHashMap<>();
            Instant at = null;
            boolean busy = false;
            Path conf = Path.of("conf");
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String flag = a;
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    flag = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (flag.equals("--busy")) {
                    busy = true;
                    continue;
                }
                if (!flag.startsWith("--")) {
                    if (flow != null) {
                        throw new IllegalArgumentException("ivr simulate takes one flow, got '" + flow + "' and '" + a + "'");
                    }
                    flow = a;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(flag + " needs a value");
                    }
                    value = args.get(++i);
                }
                switch (flag) {
                    case "--caller" -> caller = value;
                    case "--dnis" -> dnis = value;
                    case "--channel" -> channel = value;
                    case "--input" -> inputs.add(value);
                    case "--conf" -> conf = Path.of(value);
                    case "--at" -> at = instant(value);
                    case "--var" -> {
                        int e = value.indexOf('=');
                        if (e <= 0) {
                            throw new IllegalArgumentException("--var needs NAME=VALUE, got '" + value + "'");
                        }
                        vars.put(value.substring(0, e), value.substring(e + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown flag '" + flag + "' for ivr simulate");
                }
            }
            if (flow == null) {
                throw new IllegalArgumentException("ivr simulate needs a flow, e.g. bin/switchboard ivr simulate hotline --input 2");
            }
            return new SimulateArgs(flow, caller, dnis, channel, inputs, vars, at, busy, conf);
        }

        private static Instant instant(String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e2) {
                    throw new IllegalArgumentException("--at needs a time like 2026-01-10T10:00+08:00, got '" + text + "'");
                }
            }
        }
    }

    static String usage() {
        return """
                Usage: bin/switchboard ivr validate FILE...
                       bin/switchboard ivr simulate FLOW [OPTIONS]

                validate   check flow files; prints file:line:column: message for every problem,
                           exits 1 when there is an error (warnings alone exit 0)
                simulate   run a flow as a text conversation on virtual time (no audio, same result every run)
                  FLOW             a flow name (from DIR/ivr) or a flow file
                  --input TEXT     the caller's next answer, repeatable: 2 (keys), 1234# (keys),
                                   "say:billing" (speech), "text:hello" (typed text), hangup
                  --caller NUMBER  the caller's number (default +8613800138000)
                  --dnis NUMBER    the number dialled (default: the flow's first number)
                  --channel NAME   the channel variable (default voice)
                  --var NAME=VALUE set a flow variable first, repeatable (e.g. --var order_api=http://127.0.0.1:8089/orders)
                  --at TIME        the call's time, e.g. 2026-01-10T20:00+08:00 (default Monday 10:00 in the flow's zone)
                  --busy           no agent answers: queues wait until maxWait, dials fail
                  --conf DIR       configuration directory holding ivr/ (default: conf)
                """;
    }
}
