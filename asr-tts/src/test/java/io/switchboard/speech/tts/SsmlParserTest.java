package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.speech.tts.ssml.SayAs;
import io.switchboard.speech.tts.ssml.Segment;
import io.switchboard.speech.tts.ssml.Speech;
import io.switchboard.speech.tts.ssml.SsmlParser;
import io.switchboard.speech.tts.ssml.SsmlSyntaxException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SSML subset: speak, p, s, break, say-as, prosody rate; errors with line and column. */
class SsmlParserTest {

    @Test
    void plainTextIsOneSpan() {
        Speech s = Speech.parse("  Welcome to   Switchboard.\n Press 1. ");
        assertThat(s.segments()).containsExactly(new Segment.Spoken("Welcome to Switchboard. Press 1.", SayAs.NORMAL, 1.0));
    }

    @Test
    void breaksSayAsAndProsody() {
        Speech s = SsmlParser.parse("""
                <speak xmlns="http://www.w3.org/2001/10/synthesis" version="1.1" xml:lang="en-US">
                  Call <say-as interpret-as="digits">4008001234</say-as> now.
                  <break time="500ms"/>
                  <prosody rate="slow">Thank <prosody rate="80%">you</prosody></prosody>
                  <break strength="strong"/><break time="1.5s"/>
                  <p><s>Bye</s></p>
                </speak>""");
        assertThat(s.segments()).containsExactly(
                new Segment.Spoken("Call", SayAs.NORMAL, 1.0),
                new Segment.Spoken("4008001234", SayAs.DIGITS, 1.0),
                new Segment.Spoken("now.", SayAs.NORMAL, 1.0),
                new Segment.Pause(Duration.ofMillis(500)),
                new Segment.Spoken("Thank", SayAs.NORMAL, 0.75),
                new Segment.Spoken("you", SayAs.NORMAL, 0.75 * 0.8),
                new Segment.Pause(Duration.ofMillis(700)),
                new Segment.Pause(Duration.ofMillis(1500)),
                new Segment.Spoken("Bye", SayAs.NORMAL, 1.0));
    }

    @Test
    void rates() {
        assertThat(rate("x-slow")).isEqualTo(0.5);
        assertThat(rate("fast")).isEqualTo(1.25);
        assertThat(rate("+20%")).isEqualTo(1.2);
        assertThat(rate("-20%")).isEqualTo(0.8);
        assertThat(rate("150%")).isEqualTo(1.5);
        assertThat(rate("1.1")).isEqualTo(1.1);
    }

    private static double rate(String r) {
        Speech s = SsmlParser.parse("<speak><prosody rate=\"" + r + "\">x</prosody></speak>");
        return ((Segment.Spoken) s.segments().get(0)).rate();
    }

    @Test
    void sayAsValues() {
        for (String v : new String[] {"digits", "telephone", "characters"}) {
            Speech s = SsmlParser.parse("<speak><say-as interpret-as=\"" + v + "\">AB12</say-as></speak>");
            assertThat(((Segment.Spoken) s.segments().get(0)).sayAs().ssmlName()).isEqualTo(v);
        }
    }

    @Test
    void notWellFormedGivesLineAndColumn() {
        assertThatThrownBy(() -> SsmlParser.parse("<speak>\n  Hello <break time=\"1s\">\n</speak>"))
                .isInstanceOfSatisfying(SsmlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).isEqualTo(SynthesisException.Reason.MALFORMED_SSML);
                    assertThat(e.getMessage()).startsWith("malformed SSML at line 3, column ");
                });
    }

    @Test
    void unsupportedElementIsNamedWithItsPosition() {
        assertThatThrownBy(() -> SsmlParser.parse("<speak>Hi\n<audio src=\"x.wav\"/></speak>"))
                .isInstanceOfSatisfying(SsmlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("unsupported element <audio>").contains("say-as");
                });
    }

    @Test
    void badAttributeValuesAreExplained() {
        assertThatThrownBy(() -> SsmlParser.parse("<speak><say-as interpret-as=\"date\">1/2</say-as></speak>"))
                .hasMessageContaining("interpret-as=\"date\" is not supported; use digits, telephone, characters");
        assertThatThrownBy(() -> SsmlParser.parse("<speak><break time=\"5 minutes\"/></speak>"))
                .hasMessageContaining("break time \"5 minutes\" is not like 500ms");
        assertThatThrownBy(() -> SsmlParser.parse("<speak><break time=\"11s\"/></speak>"))
                .hasMessageContaining("is not from 0 to 10s");
        assertThatThrownBy(() -> SsmlParser.parse("<speak><prosody rate=\"warp\">x</prosody></speak>"))
                .hasMessageContaining("rate \"warp\"");
        assertThatThrownBy(() -> SsmlParser.parse("<speak><say-as>1</say-as></speak>"))
                .hasMessageContaining("<say-as> needs interpret-as");
        assertThatThrownBy(() -> SsmlParser.parse("<speak><break time=\"1s\">x</break></speak>"))
                .hasMessageContaining("<break> must be empty");
    }

    @Test
    void rootMustBeSpeakAndDoctypesAreRefused() {
        assertThatThrownBy(() -> SsmlParser.parse("<p>hi</p>")).hasMessageContaining("root element must be <speak>");
        assertThatThrownBy(() -> SsmlParser.parse("<!DOCTYPE speak [<!ENTITY x \"boom\">]><speak>&x;</speak>"))
                .isInstanceOf(SsmlSyntaxException.class).hasMessageContaining("DOCTYPE");
    }
}
