package io.switchboard.speech.tts.ssml;

import java.util.List;

/**
 * What an engine has to render, independent of how it was written (plain text or SSML): spoken spans
 * and pauses in order. Engines speak the spans in their language and insert exact silence for pauses.
 */
public record Speech(List<Segment> segments) {

    public Speech {
        segments = List.copyOf(segments);
    }

    /** Plain text as one spoken span. */
    public static Speech plain(String text) {
        return new Speech(List.of(new Segment.Spoken(text.strip().replaceAll("\\s+", " "), SayAs.NORMAL, 1.0)));
    }

    /** Parses SSML when {@code text} starts with {@code <speak}, else takes it as plain text. */
    public static Speech parse(String text) {
        return text.stripLeading().startsWith("<speak") ? SsmlParser.parse(text) : plain(text);
    }

    /** True when nothing would be spoken (pauses alone do not count). */
    public boolean hasNoWords() {
        return segments.stream().noneMatch(s -> s instanceof Segment.Spoken sp && !sp.text().isBlank());
    }
}
