package io.switchboard.ivr.source;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns the text of a flow file into a YAML node tree that keeps the line and column of every value
 * (snakeyaml-engine's compose stage: no Java objects are built from the document). A YAML syntax
 * error becomes one problem at the place the YAML parser stopped.
 */
public final class YamlSource {
    private YamlSource() {
    }

    /** The document's root node; empty when the text is empty or not YAML (then {@code problems} says why). */
    public static Optional<Node> compose(String text, Problems problems) {
        LoadSettings settings = LoadSettings.builder().setLabel(problems.file()).setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true).setMaxAliasesForCollections(10).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            Position at = mark == null ? new Position(problems.file(), 1, 1) : Position.of(problems.file(), mark);
            problems.error(at, explain(e.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.error(new Position(problems.file(), 1, 1), "this file is not valid YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A YAML parser complaint in words an admin knows. */
    static String explain(String problem) {
        String p = problem == null ? "" : problem;
        if (p.contains("'\\t'") || p.contains("\\t(TAB)")) {
            return "a tab is used for indentation: indent with spaces only";
        }
        if (p.contains("mapping values are not allowed")) {
            return "unexpected ':' here: put text that contains ': ' in quotes, or check the indentation";
        }
        if (p.contains("expected <block end>")) {
            return "the indentation is wrong here: items of the same list or map must line up";
        }
        if (p.contains("found unexpected end of stream") || p.contains("found unexpected end")) {
            return "the file ends inside a quoted text: a closing quote is missing";
        }
        return "this is not valid YAML: " + p;
    }

    /** True for a scalar that YAML reads as "nothing" ({@code ~}, {@code null} or an empty value). */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }
}
