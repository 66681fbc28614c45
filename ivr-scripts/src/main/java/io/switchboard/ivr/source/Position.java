package io.switchboard.ivr.source;

import java.util.Comparator;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A place in a flow file, 1-based like every editor: printed {@code file:line:column} so that editors
 * and terminals can jump to it.
 */
public record Position(String file, int line, int column) implements Comparable<Position> {

    private static final Comparator<Position> ORDER = Comparator.comparing(Position::file)
            .thenComparingInt(Position::line).thenComparingInt(Position::column);

    /** Where {@code node} starts in {@code file}; line 1, column 1 when the parser kept no mark. */
    public static Position of(String file, Node node) {
        return node.getStartMark().map(m -> of(file, m)).orElse(new Position(file, 1, 1));
    }

    /** A snakeyaml-engine mark (0-based) as a position (1-based). */
    public static Position of(String file, Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** This position moved {@code columns} to the right on the same line. */
    public Position plusColumns(int columns) {
        return new Position(file, line, column + columns);
    }

    /** This position moved {@code lines} down, at {@code column}. */
    public Position plusLines(int lines, int newColumn) {
        return lines == 0 ? this : new Position(file, line + lines, newColumn);
    }

    @Override
    public int compareTo(Position o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
