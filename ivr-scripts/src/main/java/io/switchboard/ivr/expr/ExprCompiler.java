package io.switchboard.ivr.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import io.switchboard.ivr.source.Position;
import io.switchboard.ivr.source.Problems;
import io.switchboard.ivr.source.ScalarSite;
import io.switchboard.ivr.source.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a flow's expressions and templates with CEL (Common Expression Language): a language with no
 * access to Java classes, files or the network, no loops beyond bounded list macros, and a type checker
 * that catches unknown variables before the flow runs. Every variable the flow may read is declared up
 * front: the built-ins plus those the flow sets. Errors are reported at the character in the file.
 */
public final class ExprCompiler {
    /** Variables every call has. */
    public static final Set<String> BUILTINS = Set.of("caller", "dnis", "channel", "call_id", "language", "time",
            "input", "error", "flow");
    /** Built-ins a flow may not change ({@code language} may be set, to switch the call's language). */
    public static final Set<String> READ_ONLY = Set.of("caller", "dnis", "channel", "call_id", "time", "input",
            "error", "flow");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final int MAX_LENGTH = 2_000;

    private final Cel cel;
    private final Set<String> variables;

    /** An environment where {@code variables} (plus the built-ins) may be read. */
    public ExprCompiler(Set<String> variables) {
        this.variables = new TreeSet<>(variables);
        this.variables.addAll(BUILTINS);
        CelOptions options = CelOptions.current().comprehensionMaxIterations(1_000)
                .maxExpressionCodePointSize(MAX_LENGTH).build();
        var builder = CelFactory.standardCelBuilder().setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(options))
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(options));
        for (String v : this.variables) {
            builder.addVar(v, SimpleType.DYN);
        }
        this.cel = builder.build();
    }

    /** True when {@code name} can be a variable name. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** The variables expressions may read. */
    public Set<String> variables() {
        return variables;
    }

    /**
     * The expression {@code source} written at {@code site}, or null after reporting why it is wrong.
     * A {@code condition} must give true or false.
     */
    public Expr compile(String source, ScalarSite site, Problems problems, boolean condition) {
        if (source.isBlank()) {
            problems.error(site.at(0), "the expression is empty");
            return null;
        }
        CelValidationResult result = cel.compile(source);
        if (result.hasError()) {
            CelIssue issue = result.getErrors().get(0);
            var loc = issue.getSourceLocation();
            Position at = loc.getLine() <= 1 ? site.at(Math.max(0, loc.getColumn())) : site.start();
            problems.error(at, explain(issue.getMessage(), source, Math.max(0, loc.getColumn())));
            return null;
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (condition) {
                var type = ast.getResultType();
                if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
                    String kind = switch (type.name()) {
                        case "string" -> "text";
                        case "int", "uint", "double" -> "a number";
                        default -> "a " + type.name();
                    };
                    problems.error(site.at(0), "this condition gives " + kind + ", not true or false: "
                            + "compare it with a value, e.g. choice == '1'");
                    return null;
                }
            }
            return new Expr(source, site.at(0), cel.createProgram(ast));
        } catch (CelValidationException | dev.cel.runtime.CelEvaluationException | RuntimeException e) {
            problems.error(site.at(0), "the expression cannot be used: " + e.getMessage());
            return null;
        }
    }

    /** The template written at {@code site}, or null after reporting every mistake in it. */
    public Template template(ScalarSite site, Problems problems) {
        String text = site.value();
        boolean ssml = Ssml.isSsml(text);
        if (ssml) {
            String wrong = Ssml.check(text);
            if (wrong != null) {
                problems.error(site.start(), wrong);
                return null;
            }
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean ok = true;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    problems.error(site.at(i), "'${' is not closed: write ${name} to insert a value");
                    return null;
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                Expr e = compile(text.substring(i + 2, end), site.sub(i + 2), problems, false);
                ok &= e != null;
                parts.add(e);
                i = end + 1;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        if (literal.length() > 0 || parts.isEmpty()) {
            parts.add(literal.toString());
        }
        return ok ? new Template(text, parts, ssml) : null;
    }

    private static int closingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private String explain(String message, String source, int column) {
        Matcher undeclared = Pattern.compile("undeclared reference to '([^']+)'").matcher(message);
        if (undeclared.find()) {
            String name = undeclared.group(1);
            int after = column + name.length();
            if (after < source.length() && source.charAt(after) == '(') {
                return "unknown function '" + name + "'";
            }
            return "unknown variable '" + name + "'" + Suggest.didYouMean(name, variables)
                    + (Suggest.closest(name, variables) == null ? ": set it first, or list it under variables:" : "");
        }
        boolean syntax = message.contains("input '") || message.contains("token recognition");
        if (syntax && (source.matches(".*[^=!<>]=[^=].*") || source.matches("^=[^=].*"))) {
            return "use '==' to compare values (a single '=' cannot be used in an expression)";
        }
        if (syntax && source.matches(".*\\s(and|or)\\s.*")) {
            return "write && for 'and' and || for 'or'";
        }
        Matcher overload = Pattern.compile("no matching overload for '([^']+)' applied to '\\(([^)]*)\\)'")
                .matcher(message);
        if (overload.find()) {
            String op = overload.group(1).replace("_", "");
            String types = overload.group(2).replace(", ", " and ");
            return "'" + (op.isEmpty() ? overload.group(1) : op) + "' cannot be used with " + types
                    + " (convert with string(...) or int(...))";
        }
        if (message.contains("'<EOF>'")) {
            return "the expression is incomplete: something is missing at the end";
        }
        Matcher unexpected = Pattern.compile("(?:mismatched|extraneous) input '([^']*)'|token recognition error at: '([^']*)'")
                .matcher(message);
        if (unexpected.find()) {
            String what = unexpected.group(1) != null ? unexpected.group(1) : unexpected.group(2);
            return "unexpected '" + what + "' in the expression";
        }
        return "the expression is not valid: " + message;
    }
}
