package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.Text;
import java.time.Duration;
import java.util.List;

/**
 * How {@code gather} and {@code menu} ask: the prompt, what input counts, the timeouts, and what happens
 * when the caller says nothing or something that does not fit ({@code retries}, re-prompts, then the
 * {@code noInput} / {@code noMatch} steps).
 */
record Ask(Text prompt, String language, String voice, boolean bargeIn, boolean dtmf, boolean speech,
        List<String> phrases, int maxDigits, int minDigits, String finishKey, Duration timeout,
        Duration interDigitTimeout, Duration speechTimeout, int retries, Text noInputPrompt, Text noMatchPrompt,
        StepRef noInput, StepRef noMatch) {

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** Reads the fields gather and menu share. */
    static Ask read(StepReader r, Text prompt, boolean dtmf, boolean speech, List<String> phrases, int maxDigits,
            int minDigits, String finishKey) {
        return new Ask(prompt, r.language("language"), r.voice("voice"), r.bool("bargeIn", true), dtmf, speech,
                phrases, maxDigits, minDigits, finishKey,
                r.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(500), MAX_TIMEOUT),
                r.duration("interDigitTimeout", Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofMinutes(1)),
                r.duration("speechTimeout", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1)),
                r.integer("retries", 2, 0, 10), r.text("noInputPrompt"), r.text("noMatchPrompt"),
                r.stepRef("noInput"), r.stepRef("noMatch"));
    }

    /** The steps asking may end in. */
    List<StepRef> targets() {
        return java.util.stream.Stream.of(noInput, noMatch).filter(java.util.Objects::nonNull).toList();
    }
}
