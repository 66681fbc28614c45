package io.switchboard.ivr.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ivr.source.Problem;
import io.switchboard.ivr.source.Problems;
import io.switchboard.ivr.source.ScalarSite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Templates and expressions: values in, sandbox kept, mistakes reported where they are. */
class FlowExpressionTest {
    private final ExprCompiler compiler = new ExprCompiler(Set.of("order", "n", "items"));
    private final Problems problems = new Problems("t.yaml");
    private final Scope scope = name -> Values.toCel(Map.<String, Object>of(
            "order", Map.of("id", "A-17", "date", "3 November", "total", 12.5),
            "n", 3, "items", List.of(1, 2, 3), "caller", "+8613800138000").get(name));

    private Template template(String text) {
        Template t = compiler.template(ScalarSite.synthetic("t.yaml", text), problems);
        assertThat(problems.sorted()).isEmpty();
        return t;
    }

    private Expr expr(String text) {
        Expr e = compiler.compile(text, ScalarSite.synthetic("t.yaml", text), problems, false);
        assertThat(problems.sorted()).isEmpty();
        return e;
    }

    @Test
    void templatesFillInValues() throws FlowException {
        assertThat(template("Your order ${order.id} ships ${order.date}").render(scope))
                .isEqualTo("Your order A-17 ships 3 November");
        assertThat(template("Total ${order.total}, ${n * 2} items, ${size(items)}").render(scope))
                .isEqualTo("Total 12.5, 6 items, 3");
        assertThat(template("Literal $${not.an.expression} and ${'}'}").render(scope))
                .isEqualTo("Literal ${not.an.expression} and }");
        assertThat(template("Hi ${caller.substring(0, 3)}").render(scope)).isEqualTo("Hi +86");
    }

    @Test
    void ssmlValuesAreEscaped() throws FlowException {
        Scope s = name -> name.equals("order") ? Map.of("id", "<A&B>") : null;
        assertThat(template("<speak>Order ${order.id}</speak>").render(s)).isEqualTo("<speak>Order &lt;A&amp;B&gt;</speak>");
        assertThat(Ssml.toPlainText("<speak>Dial <say-as interpret-as='digits'>110</say-as><break time='1s'/> now</speak>"))
                .isEqualTo("Dial 110 now");
    }

    @Test
    void expressionsCompute() throws FlowException {
        assertThat(expr("n > 2 && order.id.startsWith('A')").test(scope)).isTrue();
        assertThat(expr("has(order.vip) ? 'vip' : 'normal'").eval(scope)).isEqualTo("normal");
        assertThat(expr("items.map(i, i * 10)").eval(scope)).isEqualTo(List.of(10L, 20L, 30L));
        assertThat(expr("int('42') + n").eval(scope)).isEqualTo(45L);
    }

    @Test
    void runtimeFailuresNameTheExpression() {
        assertThatThrownBy(() -> expr("order.missing").eval(scope)).isInstanceOf(FlowException.class)
                .hasMessage("the expression 'order.missing' (t.yaml:1:1) failed: key 'missing' is not present in map");
        assertThatThrownBy(() -> expr("n").test(scope))
                .hasMessage("the condition 'n' (t.yaml:1:1) gave 3 instead of true or false");
    }

    @Test
    void theSandboxHasNoWayOut() {
        for (String escape : List.of("java.lang.Runtime.getRuntime()", "Runtime.getRuntime().exec('ls')",
                "'x'.getClass()", "System.exit(1)", "new java.io.File('/etc/passwd')", "env('HOME')",
                "import('os')")) {
            Problems p = new Problems("t.yaml");
            assertThat(compiler.compile(escape, ScalarSite.synthetic("t.yaml", escape), p, false)).as(escape).isNull();
            assertThat(p.hasErrors()).as(escape).isTrue();
        }
    }

    @Test
    void mistakesPointAtTheCharacter() {
        Problems p = new Problems("t.yaml");
        compiler.template(new ScalarSite(new io.switchboard.ivr.source.Position("t.yaml", 4, 10), 1, true,
                "Order ${ordr.id} or ${n +}"), p);
        assertThat(p.sorted()).extracting(Problem::toString).containsExactly(
                "t.yaml:4:19: unknown variable 'ordr' (did you mean 'order'?)",
                "t.yaml:4:36: the expression is incomplete: something is missing at the end");
    }
}
