package io.switchboard.ivr.source;

import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Maps an offset inside a scalar's value back to the file, so an error inside an expression or a
 * template points at the character, not just the start of the line. Exact for plain and quoted
 * scalars on one line (the usual case); block scalars ({@code |}, {@code >}) point at their start.
 */
public record ScalarSite(Position start, int quote, boolean exact, String value) {

    public static ScalarSite of(Problems problems, ScalarNode node) {
        ScalarStyle style = node.getScalarStyle();
        int quote = style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED ? 1 : 0;
        boolean exact = style == ScalarStyle.PLAIN || quote == 1;
        return new ScalarSite(problems.at(node), quote, exact, node.getValue());
    }

    /** A site for text that does not come from a file (built-in flows). */
    public static ScalarSite synthetic(String file, String value) {
        return new ScalarSite(new Position(file, 1, 1), 0, false, value);
    }

    /** The file position of the character at {@code offset} in the value. */
    public Position at(int offset) {
        if (!exact || offset < 0 || offset > value.length()) {
            return start;
        }
        int newline = value.lastIndexOf('\n', Math.max(0, offset - 1));
        if (newline >= 0) {
            return start;
        }
        return start.plusColumns(quote + offset);
    }

    /** A site for the part of this value that starts at {@code offset}. */
    public ScalarSite sub(int offset) {
        return new ScalarSite(at(offset), 0, exact && value.lastIndexOf('\n', Math.max(0, offset - 1)) < 0,
                value.substring(offset));
    }
}
