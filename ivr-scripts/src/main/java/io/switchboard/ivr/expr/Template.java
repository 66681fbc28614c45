package io.switchboard.ivr.expr;

import java.util.List;

/**
 * Text with expressions in it: {@code "Your order ${order.id} ships ${order.date}"}. Each {@code ${…}}
 * is a CEL expression; {@code $${} writes a literal {@code ${}. In SSML text the values are escaped.
 */
public final class Template {
    private final String source;
    private final List<Object> parts;
    private final boolean ssml;

    Template(String source, List<Object> parts, boolean ssml) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.ssml = ssml;
    }

    /** Text with no expressions. */
    public static Template literal(String text) {
        return new Template(text, List.of(text), Ssml.isSsml(text));
    }

    /** The template as written. */
    public String source() {
        return source;
    }

    /** True when the text is SSML. */
    public boolean ssml() {
        return ssml;
    }

    /** True when there is nothing to evaluate. */
    public boolean isConstant() {
        return parts.stream().allMatch(p -> p instanceof String);
    }

    /** The expressions inside, in order. */
    public List<Expr> expressions() {
        return parts.stream().filter(p -> p instanceof Expr).map(p -> (Expr) p).toList();
    }

    /** The text with every expression replaced by its value. */
    public String render(Scope scope) throws FlowException {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
            } else {
                String v = Values.text(((Expr) p).eval(scope));
                sb.append(ssml ? Ssml.escape(v) : v);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
