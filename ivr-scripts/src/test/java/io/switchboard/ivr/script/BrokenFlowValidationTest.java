package io.switchboard.ivr.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.TestFlows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deliberately broken flows (fixtures under {@code src/test/resources/broken/}): each gives exactly the
 * expected {@code file:line:column: message}, in words an admin understands.
 */
class BrokenFlowValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "unknown-verb|6:5: unknown verb 'sya' (did you mean 'say'?)",
        "unknown-field|8:5: unknown field 'timout' for gather (did you mean 'timeout'?)",
        "missing-step|7:11: there is no step called 'mian' (did you mean 'main'?)",
        "unreachable|9:3: step 'orphan' is never reached: no step leads to it (point a 'next', an option or a goto at it, or remove it)",
        "endless-loop|7:3: these steps repeat forever without waiting for the caller: please_hold → again → please_hold; add a menu or gather to the loop, or end it",
        "single-equals|6:19: use '==' to compare values (a single '=' cannot be used in an expression)",
        "unknown-variable|9:24: unknown variable 'ordr' (did you mean 'order'?)",
        "unknown-voice|3:8: unknown voice 'en-GB'; known voices: en-US, zh-CN",
        "duration-without-unit|7:14: 'timeout' needs a unit: write 5s for seconds or 5ms for milliseconds",
        "tabs|6:1: a tab is used for indentation: indent with spaces only",
        "missing-subflow|6:14: there is no flow called 'voicemial' (did you mean 'voicemail'?)",
        "two-verbs|7:5: a step has one verb, but 'say' and 'play' are both in step 'welcome': put each in its own step",
        "duplicate-key|9:16: key 1 is used by two options of this menu",
        "missing-start|1:1: the flow needs 'start: <step>': the step a call begins with",
        "bad-retries|7:14: 'retries' must be a whole number, like 2",
        "unknown-language|8:7: 'fr-FR' is not a known language; known languages: en-US, zh-CN",
        "next-after-goto|7:5: 'next' cannot be used with goto: it decides itself where the call goes",
        "read-only-variable|6:12: 'caller' is set by the call and cannot be changed",
        "unclosed-template|6:17: '${' is not closed: write ${name} to insert a value",
        "not-a-condition|6:10: this condition gives text, not true or false: compare it with a value, e.g. choice == '1'",
    })
    void eachBrokenFlowGivesOneExactMessage(String name, String expected) throws IOException {
        String file = "broken/" + name + ".yaml";
        String text;
        try (var in = getClass().getResourceAsStream("/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> problems = TestFlows.problems(file, text).stream().filter(p -> !p.contains(": warning: ")).toList();
        assertThat(problems).containsExactly(file + ":" + expected);
    }
}
