package io.switchboard.routing.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world notations from {@code numbering/cases.csv}: {@code input|national|kind[|e164]} for valid
 * numbers ({@code -} for an empty E.164 form) or {@code input|!reason substring} for invalid ones.
 */
class NumberNormalizerTest {
    private static final NumberNormalizer NORMALIZER = new NumberNormalizer();

    static List<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = NumberNormalizerTest.class.getResourceAsStream("/numbering/cases.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                cases.add(Arguments.of(number, f[0], f[1], f.length > 2 ? f[2] : null, f.length > 3 ? f[3] : null));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "line {0}: \"{1}\"")
    @MethodSource("cases")
    void normalises(int line, String input, String expected, String kind, String e164) {
        Normalized result = NORMALIZER.normalize(input);
        if (expected.startsWith("!")) {
            assertThat(result).isInstanceOf(Normalized.Invalid.class);
            assertThat(((Normalized.Invalid) result).reason()).contains(expected.substring(1));
            return;
        }
        assertThat(result).isInstanceOf(Normalized.Valid.class);
        Normalized.Valid valid = (Normalized.Valid) result;
        assertThat(valid.national()).isEqualTo(expected);
        assertThat(valid.kind().label()).isEqualTo(kind);
        if (e164 != null) {
            assertThat(valid.e164()).isEqualTo(e164.equals("-") ? "" : e164);
        }
    }

    @Test
    void everyKindIsCoveredByTheCases() throws IOException {
        Set<Kind> seen = EnumSet.noneOf(Kind.class);
        for (Arguments a : cases()) {
            Object kind = a.get()[3];
            if (kind != null) {
                seen.add(Kind.fromLabel((String) kind).orElseThrow());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Kind.values());
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void shortCodesHaveNoE164FormAndOthersHaveOne() {
        for (String s : List.of("95555", "10101234", "12345", "110")) {
            Normalized.Valid v = (Normalized.Valid) NORMALIZER.normalize(s);
            assertThat(v.kind().isShortCode()).isTrue();
            assertThat(v.e164()).isEmpty();
        }
        for (String s : List.of("4008001234", "8008208820", "13812345678", "01088880000", "+16502530000")) {
            Normalized.Valid v = (Normalized.Valid) NORMALIZER.normalize(s);
            assertThat(v.kind().isShortCode()).isFalse();
            assertThat(v.e164()).startsWith("+");
        }
    }

    @Test
    void normalisingTheNormalisedFormIsStable() {
        for (String s : List.of("+86 (0)10 8888 0000", "４００－８００－１２３４", "sip:+8613812345678@x;user=phone",
                "95555", "+44 20 7946 0958")) {
            Normalized.Valid first = (Normalized.Valid) NORMALIZER.normalize(s);
            assertThat(NORMALIZER.normalize(first.national())).isEqualTo(first);
            if (!first.e164().isEmpty()) {
                assertThat(NORMALIZER.normalize(first.e164())).isEqualTo(first);
            }
        }
    }

    @Test
    void nullAndBlankAndHugeInputAreInvalidNotExceptions() {
        assertThat(NORMALIZER.normalize(null)).isEqualTo(new Normalized.Invalid("empty number"));
        assertThat(NORMALIZER.normalize("   ")).isEqualTo(new Normalized.Invalid("empty number"));
        assertThat(NORMALIZER.normalize("1".repeat(1000))).isInstanceOf(Normalized.Invalid.class);
    }

    @Test
    void labelsAreTheOperatorFacingNames() {
        assertThat(Kind.HOTLINE_400).hasToString("hotline-400");
        assertThat(Kind.CARRIER_1010.label()).isEqualTo("carrier-1010");
        assertThat(Kind.fromLabel("service-12")).contains(Kind.SERVICE_12);
        assertThat(Kind.fromLabel("SERVICE_12")).isEmpty();
    }
}
