package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.Expr;
import io.switchboard.ivr.expr.ExprCompiler;
import io.switchboard.ivr.expr.Template;
import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.source.Catalog;
import io.switchboard.ivr.source.Durations;
import io.switchboard.ivr.source.Position;
import io.switchboard.ivr.source.Problems;
import io.switchboard.ivr.source.ScalarSite;
import io.switchboard.ivr.source.Suggest;
import io.switchboard.ivr.source.YamlSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the fields of one step for its verb's parser: typed values with defaults, and a problem at the
 * exact place for every value of the wrong kind. Getters never throw; after a problem they return the
 * default (or null) so parsing goes on and every mistake in the file is reported at once.
 */
public final class StepReader {
    private final String step;
    private final String verb;
    private final Node verbKey;
    private final Map<String, NodeTuple> fields;
    private final Problems problems;
    private final ExprCompiler exprs;
    private final Catalog catalog;

    public StepReader(String step, String verb, Node verbKey, Map<String, NodeTuple> fields, Problems problems,
            ExprCompiler exprs, Catalog catalog) {
        this.step = step;
        this.verb = verb;
        this.verbKey = verbKey;
        this.fields = fields;
        this.problems = problems;
        this.exprs = exprs;
        this.catalog = catalog;
    }

    public String step() {
        return step;
    }

    public Problems problems() {
        return problems;
    }

    public ExprCompiler exprs() {
        return exprs;
    }

    /** Where the verb is written. */
    public Position at() {
        return problems.at(verbKey);
    }

    /** The value written for {@code field} (the verb's own name gives its main value), or null when absent or empty. */
    public Node value(String field) {
        NodeTuple t = fields.get(field);
        return t == null || YamlSource.isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    public boolean has(String field) {
        return value(field) != null;
    }

    /** Where {@code field}'s value is written (the verb when it is absent). */
    public Position at(String field) {
        Node v = value(field);
        return v != null ? problems.at(v) : at();
    }

    /** Reports that a required value is missing: "{@code say needs the text to speak}". */
    public void missing(String field, String what) {
        problems.error(at(), field.equals(verb) ? verb + " needs " + what
                : verb + " needs '" + field + "' (" + what + ")");
    }

    public void error(Node node, String message) {
        problems.error(node, message);
    }

    public String string(String field, String dflt) {
        Node n = value(field);
        if (n == null) {
            return dflt;
        }
        ScalarNode s = scalar(n, field, "a single value");
        return s == null ? dflt : s.getValue();
    }

    public boolean bool(String field, boolean dflt) {
        Node n = value(field);
        if (n == null) {
            return dflt;
        }
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue().toLowerCase());
        }
        problems.error(n, "'" + field + "' must be true or false");
        return dflt;
    }

    public int integer(String field, int dflt, int min, int max) {
        Node n = value(field);
        if (n == null) {
            return dflt;
        }
        if (!(n instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
            problems.error(n, "'" + field + "' must be a whole number, like " + (dflt >= min && dflt <= max ? dflt : min));
            return dflt;
        }
        long v;
        try {
            v = Long.parseLong(s.getValue());
        } catch (NumberFormatException e) {
            v = Long.MAX_VALUE;
        }
        if (v < min || v > max) {
            problems.error(n, "'" + field + "' must be between " + min + " and " + max);
            return dflt;
        }
        return (int) v;
    }

    public Duration duration(String field, Duration dflt, Duration min, Duration max) {
        Node n = value(field);
        if (n == null) {
            return dflt;
        }
        ScalarNode s = scalar(n, field, "a duration like 5s");
        if (s == null) {
            return dflt;
        }
        if (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT)) {
            problems.error(n, "'" + field + "' needs a unit: write " + s.getValue() + "s for seconds or "
                    + s.getValue() + "ms for milliseconds");
            return dflt;
        }
        Duration d = Durations.parse(s.getValue());
        if (d == null) {
            problems.error(n, "'" + field + "' must be a duration like 5s, 500ms or 2m, not '" + s.getValue() + "'");
            return dflt;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.error(n, "'" + field + "' must be between " + Durations.format(min) + " and "
                    + Durations.format(max));
            return dflt;
        }
        return d;
    }

    /** Text written as one template, or one per language; null when absent. */
    public Text text(String field) {
        Node n = value(field);
        return n == null ? null : textOf(n, field);
    }

    public Text textOf(Node n, String field) {
        if (n instanceof MappingNode m) {
            Map<String, Template> byLanguage = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String lang = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                if (!catalog.languages().contains(lang)) {
                    problems.error(t.getKeyNode(), "'" + lang + "' is not a known language"
                            + Suggest.didYouMean(lang, catalog.languages()) + "; known languages: "
                            + String.join(", ", new java.util.TreeSet<>(catalog.languages())));
                    continue;
                }
                Template tpl = templateOf(t.getValueNode(), field);
                if (tpl != null) {
                    byLanguage.put(lang, tpl);
                }
            }
            return byLanguage.isEmpty() ? null : Text.byLanguage(byLanguage);
        }
        Template tpl = templateOf(n, field);
        return tpl == null ? null : Text.of(tpl);
    }

    public Template template(String field) {
        Node n = value(field);
        return n == null ? null : templateOf(n, field);
    }

    public Template templateOf(Node n, String field) {
        ScalarNode s = scalar(n, field, "text");
        return s == null ? null : exprs.template(ScalarSite.of(problems, s), problems);
    }

    /** An expression; a {@code condition} must give true or false. Null when absent or wrong. */
    public Expr expr(String field, boolean condition) {
        Node n = value(field);
        return n == null ? null : exprOf(n, field, condition);
    }

    public Expr exprOf(Node n, String field, boolean condition) {
        ScalarNode s = scalar(n, field, "an expression");
        return s == null ? null : exprs.compile(s.getValue(), ScalarSite.of(problems, s), problems, condition);
    }

    /** A reference to a step (checked later, when every step is known). */
    public StepRef stepRef(String field) {
        Node n = value(field);
        return n == null ? null : stepRefOf(n, field);
    }

    public StepRef stepRefOf(Node n, String field) {
        ScalarNode s = scalar(n, field, "the name of a step");
        return s == null ? null : new StepRef(s.getValue(), field, problems.at(s));
    }

    /** One value or a list of values, as text. */
    public List<String> strings(String field) {
        Node n = value(field);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                ScalarNode s = scalar(item, field, "a list of words");
                if (s != null) {
                    out.add(s.getValue());
                }
            }
        } else {
            ScalarNode s = scalar(n, field, "a word or a list of words");
            if (s != null) {
                out.add(s.getValue());
            }
        }
        return out;
    }

    /** A variable the step writes to. */
    public String variable(String field, String dflt) {
        Node n = value(field);
        if (n == null) {
            return dflt;
        }
        ScalarNode s = scalar(n, field, "a variable name");
        if (s == null) {
            return dflt;
        }
        return checkVariable(s, s.getValue()) ? s.getValue() : dflt;
    }

    /** True when {@code name} written at {@code node} is a variable a flow may set; reports why not. */
    public boolean checkVariable(Node node, String name) {
        if (!ExprCompiler.isValidName(name)) {
            problems.error(node, "'" + name + "' cannot be a variable name: use letters, digits and _ (like order_id)");
            return false;
        }
        if (ExprCompiler.READ_ONLY.contains(name)) {
            problems.error(node, "'" + name + "' is set by the call and cannot be changed");
            return false;
        }
        return true;
    }

    /** A TTS voice the catalog knows, or null. */
    public String voice(String field) {
        Node n = value(field);
        if (n == null) {
            return null;
        }
        ScalarNode s = scalar(n, field, "a voice name");
        if (s == null) {
            return null;
        }
        if (!catalog.voices().containsKey(s.getValue())) {
            problems.error(s, "unknown voice '" + s.getValue() + "'" + Suggest.didYouMean(s.getValue(),
                    catalog.voices().keySet()) + "; known voices: " + String.join(", ",
                    new java.util.TreeSet<>(catalog.voices().keySet())));
            return null;
        }
        return s.getValue();
    }

    /** A language the catalog knows, or null. */
    public String language(String field) {
        Node n = value(field);
        if (n == null) {
            return null;
        }
        ScalarNode s = scalar(n, field, "a language like en-US");
        if (s == null) {
            return null;
        }
        if (!catalog.languages().contains(s.getValue())) {
            problems.error(s, "'" + s.getValue() + "' is not a known language" + Suggest.didYouMean(s.getValue(),
                    catalog.languages()) + "; known languages: " + String.join(", ",
                    new java.util.TreeSet<>(catalog.languages())));
            return null;
        }
        return s.getValue();
    }

    /** A queue name the catalog accepts (a warning when it only tolerates it), or null. */
    public String queue(String field) {
        Node n = value(field);
        if (n == null) {
            return null;
        }
        ScalarNode s = scalar(n, field, "a queue name");
        if (s == null) {
            return null;
        }
        String q = s.getValue();
        switch (catalog.queue(q)) {
            case KNOWN -> {
            }
            case UNKNOWN_ALLOWED -> problems.warning(s, "queue '" + q + "' is not in the directory: "
                    + "make sure agents are assigned to it");
            case UNKNOWN -> {
                problems.error(s, "unknown queue '" + q + "'" + Suggest.didYouMean(q, catalog.knownQueues()));
                return null;
            }
        }
        return q;
    }

    /** A YAML value as a plain Java value: text, whole numbers as Long, decimals as Double, lists, maps. */
    public static Object literal(Node n) {
        if (n instanceof ScalarNode s) {
            Tag tag = s.getTag();
            try {
                if (tag.equals(Tag.NULL)) {
                    return null;
                }
                if (tag.equals(Tag.BOOL)) {
                    return Boolean.parseBoolean(s.getValue().toLowerCase());
                }
                if (tag.equals(Tag.INT)) {
                    return Long.decode(s.getValue().replace("0o", "0"));
                }
                if (tag.equals(Tag.FLOAT)) {
                    return Double.parseDouble(s.getValue());
                }
            } catch (NumberFormatException e) {
                return s.getValue();
            }
            return s.getValue();
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(item -> out.add(literal(item)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            out.put(String.valueOf(literal(t.getKeyNode())), literal(t.getValueNode()));
        }
        return out;
    }

    /** {@code n} as a scalar, or null after reporting that {@code field} must be {@code what}. */
    public ScalarNode scalar(Node n, String field, String what) {
        if (n instanceof ScalarNode s) {
            return s;
        }
        problems.error(n, "'" + field + "' must be " + what + ", not a " + (n instanceof SequenceNode ? "list" : "map"));
        return null;
    }
}
