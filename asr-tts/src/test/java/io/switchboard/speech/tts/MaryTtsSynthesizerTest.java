package io.switchboard.speech.tts;

import static io.switchboard.speech.tts.Engines.longestSilenceMs;
import static io.switchboard.speech.tts.Engines.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.tts.marytts.MaryTtsSynthesizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** MaryTTS in-process (cmu-slt-hsmm, our tokenizer instead of JTok) on IVR prompts. */
class MaryTtsSynthesizerTest {
    static final List<String> IVR = List.of(
            "Welcome to Switchboard customer service.",
            "For billing, press one. For technical support, press two.",
            "Please say the reason for your call after the tone.",
            "Your order has shipped and will arrive on Friday.",
            "All of our agents are busy, please stay on the line.",
            "To hear these options again, press the star key.",
            "Thank you for calling, goodbye.",
            "Please enter your account number followed by the hash key.");
    private final MaryTtsSynthesizer mary = Engines.mary();

    @Test
    void ivrSentencesAreNonSilentAndOfPlausibleDuration() {
        for (String text : IVR) {
            Synthesis s = mary.synthesize(SynthesisRequest.of("en-US", text));
            int words = text.split("\\s+").length;
            assertThat(s.sampleRate()).isEqualTo(16000);
            assertThat(seconds(s)).as(text).isBetween(words * 0.25, words * 0.55 + 0.3);
            assertThat(s.rms()).as(text).isGreaterThan(500);
            assertThat(longestSilenceMs(s, 200)).as("no long gap inside: " + text).isLessThan(700);
        }
    }

    @Test
    void breakAddsExactlyTheSilenceAskedFor() {
        Synthesis short_ = mary.synthesize(SynthesisRequest.of("en-US",
                "<speak>Thank you for calling<break time=\"500ms\"/>please hold</speak>"));
        Synthesis long_ = mary.synthesize(SynthesisRequest.of("en-US",
                "<speak>Thank you for calling<break time=\"1500ms\"/>please hold</speak>"));
        assertThat(seconds(long_) - seconds(short_)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.005));
        assertThat(longestSilenceMs(short_, 200)).isBetween(500.0, 650.0);
        assertThat(longestSilenceMs(long_, 200)).isBetween(1500.0, 1650.0);
    }

    @Test
    void digitsAreReadOneByOneAndDurationGrowsLinearly() {
        double three = seconds(digits("400"));
        double six = seconds(digits("400800"));
        double ten = seconds(digits("4008001234"));
        double perDigitLate = (ten - six) / 4;
        double perDigitEarly = (six - three) / 3;
        assertThat(perDigitLate).isBetween(0.2, 0.6);
        assertThat(perDigitEarly).isBetween(0.2, 0.6);
        assertThat(perDigitLate / perDigitEarly).isBetween(0.6, 1.6);
        // read as one big number the same digits would be far longer than ten digit names:
        // "four billion eight million one thousand two hundred thirty four"
        Synthesis asNumber = mary.synthesize(SynthesisRequest.of("en-US", "Call 4008001234"));
        assertThat(seconds(asNumber)).isNotCloseTo(ten, org.assertj.core.data.Offset.offset(0.05));
    }

    private Synthesis digits(String d) {
        return mary.synthesize(SynthesisRequest.of("en-US",
                "<speak>Call <say-as interpret-as=\"digits\">" + d + "</say-as></speak>"));
    }

    @Test
    void telephoneAndCharacters() {
        Synthesis phone = mary.synthesize(SynthesisRequest.of("en-US",
                "<speak>Call us on <say-as interpret-as=\"telephone\">400-800-1234</say-as></speak>"));
        assertThat(seconds(phone)).isBetween(3.0, 8.0);
        Synthesis chars = mary.synthesize(SynthesisRequest.of("en-US",
                "<speak>Your code is <say-as interpret-as=\"characters\">AB12</say-as></speak>"));
        assertThat(seconds(chars)).isBetween(1.5, 5.0);
    }

    @Test
    void rateChangesThePace() {
        String text = "Please hold while we connect your call to the next available agent.";
        double normal = seconds(mary.synthesize(new SynthesisRequest(text, "en-US", 1.0)));
        double slow = seconds(mary.synthesize(new SynthesisRequest(text, "en-US", 0.6)));
        double fast = seconds(mary.synthesize(SynthesisRequest.of("en-US",
                "<speak><prosody rate=\"fast\">" + text + "</prosody></speak>")));
        assertThat(slow).isGreaterThan(normal * 1.3);
        assertThat(fast).isLessThan(normal * 0.95);
    }

    @Test
    void awkwardTextIsSpokenNotRejected() {
        for (String text : List.of(
                "Café crème costs $5.50 — 50% off!",
                "Visit www.example.com or e-mail help@example.com at 9:30 a.m.",
                "Dr. Smith's office (room 12B) closes at 5 p.m. on Dec. 24th.",
                "\"Quotes\", 'apostrophes' & ampersands < and > signs; semi-colons: colons…",
                "ÄÖÜ ß ñ ø 你好 ☎ 🙂 and then English again.")) {
            Synthesis s = mary.synthesize(SynthesisRequest.of("en-US", text));
            assertThat(seconds(s)).as(text).isGreaterThan(1.0);
        }
    }

    @Test
    void concurrentThreadsEachWithTheirOwnInterface() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Synthesis>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String text = IVR.get(i);
                futures.add(pool.submit(() -> mary.synthesize(SynthesisRequest.of("en-US", text))));
            }
            for (int i = 0; i < futures.size(); i++) {
                Synthesis concurrent = futures.get(i).get();
                Synthesis alone = mary.synthesize(SynthesisRequest.of("en-US", IVR.get(i)));
                assertThat(concurrent.length()).as(IVR.get(i)).isCloseTo(alone.length(),
                        org.assertj.core.data.Percentage.withPercentage(2));
                assertThat(concurrent.rms()).isGreaterThan(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
