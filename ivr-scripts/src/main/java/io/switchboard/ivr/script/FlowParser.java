package io.switchboard.ivr.script;

import io.switchboard.ivr.expr.ExprCompiler;
import io.switchboard.ivr.source.Catalog;
import io.switchboard.ivr.source.Problems;
import io.switchboard.ivr.source.Suggest;
import io.switchboard.ivr.source.YamlSource;
import io.switchboard.ivr.verb.StepReader;
import io.switchboard.ivr.verb.StepRef;
import io.switchboard.ivr.verb.Verb;
import io.switchboard.ivr.verb.VerbType;
import io.switchboard.ivr.verb.Verbs;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a flow file into a {@link Flow}: the top-level fields, then each step and its verb. Problems
 * are collected with their positions and parsing goes on, so one run reports every mistake. The result
 * may be incomplete when there are errors; {@link FlowValidator} then checks how steps connect.
 */
public final class FlowParser {
    static final List<String> TOP = List.of("flow", "description", "language", "voice", "timezone", "start",
            "on_error", "variables", "numbers", "steps");
    private static final String STEP_NAME = "[A-Za-z0-9_-]+";

    private final Catalog catalog;
    private final Set<String> broken = new HashSet<>();

    public FlowParser(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The name a flow file gives itself ({@code flow: <name>}), read without checking the rest; empty if none. */
    public static Optional<String> nameOf(String text) {
        Problems scratch = new Problems("");
        return YamlSource.compose(text, scratch).filter(n -> n instanceof MappingNode).flatMap(n -> ((MappingNode) n)
                .getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("flow")
                        && t.getValueNode() instanceof ScalarNode).map(t -> ((ScalarNode) t.getValueNode()).getValue())
                .findFirst());
    }

    /** Steps written but too broken to build (references to them are not reported again). */
    public Set<String> brokenSteps() {
        return broken;
    }

    /** The flow in {@code text} (read from {@code file}), or empty when it is too broken to build; problems go to {@code problems}. */
    public Optional<Flow> parse(String text, Problems problems) {
        Optional<Node> root = YamlSource.compose(text, problems);
        if (root.isEmpty()) {
            if (!problems.hasErrors()) {
                problems.error(new io.switchboard.ivr.source.Position(problems.file(), 1, 1),
                        "the file is empty: a flow starts with 'flow: <name>'");
            }
            return Optional.empty();
        }
        if (!(root.get() instanceof MappingNode top)) {
            problems.error(root.get(), "a flow file is a list of fields, starting with 'flow: <name>'");
            return Optional.empty();
        }
        Map<String, NodeTuple> fields = fields(top, problems, "at the top of the flow", TOP);
        StepReader head = new StepReader("", "flow", top, fields, problems, null, catalog);
        String name = head.string("flow", null);
        if (name == null) {
            problems.error(top, "the flow needs a name: add 'flow: <name>' at the top");
        } else if (!name.matches(STEP_NAME)) {
            problems.error(head.value("flow"), "a flow name may use letters, digits, _ and - only");
        }
        String language = head.language("language");
        if (!head.has("language")) {
            problems.error(top, "the flow needs a default language: add 'language: "
                    + new TreeSet<>(catalog.languages()).first() + "'");
        }
        String voice = head.voice("voice");
        if (voice != null && language != null && !language.equals(catalog.voices().get(voice))) {
            problems.warning(head.value("voice"), "voice '" + voice + "' speaks " + catalog.voices().get(voice)
                    + ", not the flow's language " + language);
        }
        ZoneId zone = zone(head, problems);
        StepRef start = head.stepRef("start");
        if (start == null && !head.has("start")) {
            problems.error(top, "the flow needs 'start: <step>': the step a call begins with");
        }
        Map<String, Object> variables = variables(head, problems);
        Map<String, Step> steps = steps(fields.get("steps"), top, variables.keySet(), problems);
        if (name == null || steps == null) {
            return Optional.empty();
        }
        Set<String> declared = new HashSet<>(variables.keySet());
        declared.addAll(declaredIn(fields.get("steps")));
        return Optional.of(new Flow(name, problems.file(), head.string("description", ""),
                language == null ? "en-US" : language, voice, zone, start, head.stepRef("on_error"), variables,
                head.strings("numbers"), steps, declared));
    }

    private static ZoneId zone(StepReader head, Problems problems) {
        String tz = head.string("timezone", null);
        if (tz == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            problems.error(head.value("timezone"), "'" + tz + "' is not a time zone: write it like Asia/Shanghai or UTC");
            return ZoneOffset.UTC;
        }
    }

    private static Map<String, Object> variables(StepReader head, Problems problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        Node n = head.value("variables");
        if (n == null) {
            return out;
        }
        if (!(n instanceof MappingNode m)) {
            problems.error(n, "'variables' must list names and starting values, e.g. variables: { tries: 0 }");
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            ScalarNode k = head.scalar(t.getKeyNode(), "variables", "a variable name");
            if (k != null && head.checkVariable(k, k.getValue())) {
                out.put(k.getValue(), StepReader.literal(t.getValueNode()));
            }
        }
        return out;
    }

    private Map<String, Step> steps(NodeTuple tuple, MappingNode top, Set<String> variables, Problems problems) {
        if (tuple == null || YamlSource.isNull(tuple.getValueNode())) {
            problems.error(top, "the flow has no steps: add 'steps:' with at least one step");
            return null;
        }
        if (!(tuple.getValueNode() instanceof MappingNode list)) {
            problems.error(tuple.getValueNode(), "'steps' must be a list of named steps, each like 'welcome:' "
                    + "followed by its verb on the lines below");
            return null;
        }
        Set<String> declared = new HashSet<>(variables);
        declared.addAll(declaredIn(tuple));
        ExprCompiler exprs = new ExprCompiler(declared);
        Map<String, Step> steps = new LinkedHashMap<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple t : list.getValue()) {
            ScalarNode key = t.getKeyNode() instanceof ScalarNode s ? s : null;
            if (key == null) {
                problems.error(t.getKeyNode(), "a step name must be a single word");
                continue;
            }
            String name = key.getValue();
            if (seen.containsKey(name)) {
                problems.error(key, "there are two steps called '" + name + "' (the first is on line "
                        + problems.at(seen.get(name)).line() + "): rename one");
                continue;
            }
            seen.put(name, key);
            if (!name.matches(STEP_NAME)) {
                problems.error(key, "step names may use letters, digits, _ and - only: '" + name + "'");
            }
            Step step = step(name, key, t.getValueNode(), steps.size(), exprs, problems);
            if (step != null) {
                steps.put(name, step);
            } else {
                broken.add(name);
            }
        }
        return steps;
    }

    private Step step(String name, ScalarNode key, Node value, int index, ExprCompiler exprs, Problems problems) {
        if (!(value instanceof MappingNode m)) {
            problems.error(YamlSource.isNull(value) ? key : value, "step '" + name + "' needs a verb on the lines "
                    + "below it, indented, e.g. 'say: Hello'");
            return null;
        }
        Map<String, NodeTuple> fields = fields(m, problems, "in step '" + name + "'", null);
        List<String> verbs = fields.keySet().stream().filter(Verbs.all()::containsKey).toList();
        if (verbs.isEmpty()) {
            boolean told = false;
            for (Map.Entry<String, NodeTuple> f : fields.entrySet()) {
                String close = Suggest.closest(f.getKey(), Verbs.all().keySet());
                if (close != null) {
                    problems.error(f.getValue().getKeyNode(), "unknown verb '" + f.getKey() + "' (did you mean '"
                            + close + "'?)");
                    told = true;
                }
            }
            if (!told) {
                problems.error(key, "step '" + name + "' does nothing: give it one verb such as say, menu, "
                        + "enqueue or hangup");
            }
            return null;
        }
        if (verbs.size() > 1) {
            problems.error(fields.get(verbs.get(1)).getKeyNode(), "a step has one verb, but '" + verbs.get(0)
                    + "' and '" + verbs.get(1) + "' are both in step '" + name + "': put each in its own step");
            return null;
        }
        VerbType type = Verbs.all().get(verbs.get(0));
        for (Map.Entry<String, NodeTuple> f : fields.entrySet()) {
            String field = f.getKey();
            if (field.equals(type.name()) || type.fields().contains(field) || (field.equals("next") && type.continues())) {
                continue;
            }
            Node at = f.getValue().getKeyNode();
            if (field.equals("next")) {
                problems.error(at, "'next' cannot be used with " + type.name() + ": it decides itself where the call goes");
            } else {
                Set<String> known = new TreeSet<>(type.fields());
                if (type.continues()) {
                    known.add("next");
                }
                String hint = Suggest.didYouMean(field, known);
                if (hint.isEmpty()) {
                    hint = known.isEmpty() ? ": " + type.name() + " takes no other fields"
                            : "; " + type.name() + " takes " + String.join(", ", known);
                }
                problems.error(at, "unknown field '" + field + "' for " + type.name() + hint);
            }
        }
        StepReader reader = new StepReader(name, type.name(), fields.get(type.name()).getKeyNode(), fields, problems,
                exprs, catalog);
        Verb verb = type.parser().apply(reader);
        StepRef next = type.continues() ? reader.stepRef("next") : null;
        return new Step(name, verb, next, problems.at(key), index);
    }

    /** The fields of a map by name; a name written twice is an error, unknown names too when {@code known} is given. */
    private static Map<String, NodeTuple> fields(MappingNode m, Problems problems, String where, List<String> known) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problems.error(t.getKeyNode(), "a field name must be a single word " + where);
                continue;
            }
            if (out.containsKey(k.getValue())) {
                problems.error(k, "'" + k.getValue() + "' is written twice " + where);
                continue;
            }
            if (known != null && !known.contains(k.getValue())) {
                problems.error(k, "unknown field '" + k.getValue() + "' " + where + Suggest.didYouMean(k.getValue(), known));
                continue;
            }
            out.put(k.getValue(), t);
        }
        return out;
    }

    /** Variables the steps write ({@code set} names, {@code into} fields and verbs' default result variables). */
    private static Set<String> declaredIn(NodeTuple stepsTuple) {
        Set<String> out = new HashSet<>();
        if (stepsTuple == null || !(stepsTuple.getValueNode() instanceof MappingNode steps)) {
            return out;
        }
        for (NodeTuple s : steps.getValue()) {
            if (!(s.getValueNode() instanceof MappingNode step)) {
                continue;
            }
            boolean hasInto = false;
            List<String> defaults = new ArrayList<>();
            for (NodeTuple f : step.getValue()) {
                String key = f.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                VerbType type = Verbs.all().get(key);
                if (type != null && type.defaultInto() != null) {
                    defaults.add(type.defaultInto());
                }
                if (key.equals("into") && f.getValueNode() instanceof ScalarNode v) {
                    out.add(v.getValue());
                    hasInto = true;
                }
                if (key.equals("set") && f.getValueNode() instanceof MappingNode vars) {
                    vars.getValue().forEach(v -> {
                        if (v.getKeyNode() instanceof ScalarNode n) {
                            out.add(n.getValue());
                        }
                    });
                }
            }
            if (!hasInto) {
                out.addAll(defaults);
            }
        }
        out.removeIf(n -> !ExprCompiler.isValidName(n));
        return out;
    }
}
