package io.switchboard.ivr.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.TestFlows;
import io.switchboard.ivr.verb.Enqueue;
import io.switchboard.ivr.verb.Gather;
import io.switchboard.ivr.verb.Http;
import io.switchboard.ivr.verb.Menu;
import io.switchboard.ivr.verb.Say;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Good flows parse into the steps and settings written, with the documented defaults. */
class FlowParserTest {

    static final String GOOD = """
            flow: shop
            description: Shop line
            numbers: ["4008001234", "95555"]
            language: zh-CN
            voice: zh-CN
            timezone: Asia/Shanghai
            start: welcome
            on_error: sorry
            variables:
              api: "http://127.0.0.1:8089"
              tries: 0
            steps:
              welcome:
                say: { zh-CN: "您好", en-US: "Hello" }
                bargeIn: true
              main:
                menu: "Press 1 for sales, 2 for your order"
                options:
                  - { key: 1, phrases: [sales, 销售], next: sales }
                  - { key: 2, next: order }
                  - { phrases: [agent], next: agent }
                timeout: 4s
              sales:
                enqueue: sales
                priority: 7
                skills: [zh, retail]
                maxWait: 2m
                overflow: agent
              agent:
                enqueue: general
              sorry:
                say: "<speak>Sorry<break time='300ms'/></speak>"
                next: agent
              order:
                gather: [dtmf, speech]
                prompt: "Your order number?"
                maxDigits: 8
                into: order_no
              lookup_order:
                http: "${api}/orders/${order_no}"
                method: post
                body: { number: "${order_no}", tries: "=tries + 1", urgent: true }
                into: order
              tell:
                say: "${order.status}"
            """;

    @Test
    void aGoodFlowHasNoProblemsAtAll() {
        var r = new FlowCompiler(new io.switchboard.ivr.source.DefaultCatalog(java.util.Set.of("sales", "general")))
                .compile("shop.yaml", GOOD, java.util.Set.of());
        assertThat(r.problems()).isEmpty();
        assertThat(r.flow()).isPresent();
    }

    @Test
    void readsTheFlowSettingsAndEveryStepInOrder() {
        Flow f = TestFlows.flow(GOOD);
        assertThat(f.name()).isEqualTo("shop");
        assertThat(f.description()).isEqualTo("Shop line");
        assertThat(f.numbers()).containsExactly("4008001234", "95555");
        assertThat(f.timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(f.variables()).containsEntry("tries", 0L).containsEntry("api", "http://127.0.0.1:8089");
        assertThat(f.steps().keySet()).containsExactly("welcome", "main", "sales", "agent", "sorry", "order",
                "lookup_order", "tell");
        assertThat(f.declared()).contains("api", "tries", "order_no", "order");
    }

    @Test
    void readsVerbSettingsWithDefaults() {
        Flow f = TestFlows.flow(GOOD);
        Say welcome = (Say) f.step("welcome").verb();
        assertThat(welcome.bargeIn()).isTrue();
        assertThat(welcome.text().languages()).containsExactly("zh-CN", "en-US");
        assertThat(((Say) f.step("sorry").verb()).text().pick("zh-CN", "zh-CN").ssml()).isTrue();
        Menu menu = (Menu) f.step("main").verb();
        assertThat(menu.options()).extracting(Menu.Option::key).containsExactly("1", "2", null);
        assertThat(menu.options().get(0).phrases()).containsExactly("sales", "销售");
        Enqueue sales = (Enqueue) f.step("sales").verb();
        assertThat(sales.priority()).isEqualTo(7);
        assertThat(sales.skills()).containsExactly("zh", "retail");
        assertThat(sales.maxWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(sales.announceEvery()).isEqualTo(Duration.ofSeconds(30));
        Gather order = (Gather) f.step("order").verb();
        assertThat(order.into()).isEqualTo("order_no");
        Http http = (Http) f.step("lookup_order").verb();
        assertThat(http.method()).isEqualTo("POST");
        assertThat(http.into()).isEqualTo("order");
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aStepWithoutNextGoesToTheStepBelow() {
        Flow f = TestFlows.flow(GOOD);
        assertThat(f.successor(f.step("welcome")).name()).isEqualTo("main");
        assertThat(f.successor(f.step("sorry")).name()).isEqualTo("agent");
        assertThat(f.successor(f.step("tell"))).isNull();
    }

    @Test
    void everyMistakeInAFileIsReportedInOneGo() {
        List<String> problems = TestFlows.problems("shop.yaml", GOOD.replace("priority: 7", "priority: 70")
                .replace("maxDigits: 8", "maxDigits: eight").replace("next: agent", "next: agnet"));
        assertThat(problems).containsExactly(
                "shop.yaml:21:35: there is no step called 'agnet' (did you mean 'agent'?)",
                "shop.yaml:25:15: 'priority' must be between 0 and 10",
                "shop.yaml:30:14: unknown queue 'general'",
                "shop.yaml:33:11: there is no step called 'agnet' (did you mean 'agent'?)",
                "shop.yaml:37:16: 'maxDigits' must be a whole number, like 20");
    }
}
