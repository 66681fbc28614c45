package io.switchboard.ivr.port;

import java.util.List;

/**
 * What kind of input to listen for.
 *
 * @param dtmf     keys (RFC 4733 events or in-band tones; typed digits on text channels)
 * @param speech   speech recognition (free text on text channels)
 * @param phrases  expected words, as a recogniser grammar or hints; empty for free-form speech
 * @param language the recognition language
 */
public record InputSpec(boolean dtmf, boolean speech, List<String> phrases, String language) {
    public InputSpec {
        phrases = List.copyOf(phrases);
    }
}
