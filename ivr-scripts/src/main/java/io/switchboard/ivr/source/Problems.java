package io.switchboard.ivr.source;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the problems found in one file; the parser goes on after each so an admin sees them all at once. */
public final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public Position at(Node node) {
        return Position.of(file, node);
    }

    public void error(Node node, String message) {
        error(at(node), message);
    }

    public void error(Position at, String message) {
        list.add(Problem.error(at, message));
    }

    public void warning(Node node, String message) {
        warning(at(node), message);
    }

    public void warning(Position at, String message) {
        list.add(Problem.warning(at, message));
    }

    public void addAll(List<Problem> problems) {
        list.addAll(problems);
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    /** Every problem found, in file order (stable for problems at the same place). */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(null);
        return List.copyOf(copy);
    }
}
