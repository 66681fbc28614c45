package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bin/switchboard number}: one line per number, exit 0 valid, 1 invalid, 2 usage. */
class NumberCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "400-800-1234|4008001234 hotline-400",
        "+86 400 800 1234|4008001234 hotline-400",
        "800 820 8820|8008208820 hotline-800",
        "95555|95555 hotline-95",
        "1010-1234|10101234 carrier-1010",
        "12345|12345 service-12",
        "110|110 emergency",
        "+86 138 1234 5678|13812345678 mobile",
        "(010) 8888-0000|01088880000 fixed",
        "sip:+8613812345678@carrier.example;user=phone|13812345678 mobile",
        "+1 650 253 0000|+16502530000 international",
    })
    void printsTheNationalFormAndKindOnOneLine(String input, String line) {
        Run r = run("number", input);
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(line + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void invalidNumberPrintsTheReasonAndExitsOne() {
        Run r = run("number", "400-800-ABCD");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("switchboard: invalid number \"400-800-ABCD\": "
                + "letters are not allowed in a number (A at position 9)" + System.lineSeparator());
    }

    @Test
    void wordsTypedWithoutQuotesAreOneNumber() {
        Run r = run("number", "400", "800", "1234");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("4008001234 hotline-400" + System.lineSeparator());
    }

    @Test
    void missingArgumentPrintsUsageAndExitsTwo() {
        Run r = run("number");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("number needs the number to check").contains("Usage:");
    }

    @Test
    void unknownFlagExitsTwo() {
        Run r = run("number", "--yaml", "95555");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown flag '--yaml'");
    }

    @Test
    void jsonPrintsAllFormsForTooling() throws Exception {
        Run r = run("number", "--json", "+86 (0)10 8888 0000");
        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("input").asText()).isEqualTo("+86 (0)10 8888 0000");
        assertThat(json.get("national").asText()).isEqualTo("01088880000");
        assertThat(json.get("e164").asText()).isEqualTo("+861088880000");
        assertThat(json.get("kind").asText()).isEqualTo("fixed");
    }

    @Test
    void jsonOfAnInvalidNumberCarriesTheErrorAndExitsOne() throws Exception {
        Run r = run("number", "--json", "40080012345");
        assertThat(r.code()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(r.out()).get("error").asText()).isEqualTo("a 400 number has 10 digits, got 11");
        assertThat(r.err()).contains("invalid number \"40080012345\"");
    }

    @Test
    void helpListsTheNumberCommand() {
        assertThat(run("help").out()).contains("number ");
    }
}
