package io.switchboard.ivr.expr;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.switchboard.ivr.source.Position;
import java.util.Optional;

/**
 * One compiled expression of a flow (CEL). Compiled once when the flow is validated and shared by every
 * call on every lane: a CEL program is immutable. Evaluation can only read the variables it is given —
 * CEL has no way to reach Java classes, files or the network.
 */
public final class Expr {
    private final String source;
    private final Position at;
    private final CelRuntime.Program program;

    Expr(String source, Position at, CelRuntime.Program program) {
        this.source = source;
        this.at = at;
        this.program = program;
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    /** Where it is written. */
    public Position at() {
        return at;
    }

    /** The value of the expression with the variables of {@code scope}. */
    public Object eval(Scope scope) throws FlowException {
        try {
            return program.eval(name -> {
                Object v = scope.lookup(name);
                return Optional.of(v == null ? NullValue.NULL_VALUE : v);
            });
        } catch (CelEvaluationException | RuntimeException e) {
            throw new FlowException("the expression '" + source + "' (" + at + ") failed: " + reason(e));
        }
    }

    /** The value, which must be true or false. */
    public boolean test(Scope scope) throws FlowException {
        Object v = eval(scope);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new FlowException("the condition '" + source + "' (" + at + ") gave " + Values.text(v)
                + " instead of true or false");
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = m.indexOf(": ");
        if (m.startsWith("evaluation error") && colon > 0) {
            m = m.substring(colon + 2);
        }
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    @Override
    public String toString() {
        return source;
    }
}
