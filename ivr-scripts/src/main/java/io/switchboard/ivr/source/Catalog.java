package io.switchboard.ivr.source;

import java.util.Map;
import java.util.Set;

/**
 * What exists outside a flow file and a flow may name: languages, TTS voices and ACD queues. The
 * validator checks names against it; the application supplies one built from its speech and queue
 * configuration, {@link DefaultCatalog} serves the command line and tests.
 */
public interface Catalog {

    /** Language tags a flow may use (BCP 47, e.g. {@code en-US}, {@code zh-CN}). */
    Set<String> languages();

    /** Voice name → the language it speaks. */
    Map<String, String> voices();

    /** Whether {@code queue} exists. */
    QueueCheck queue(String queue);

    /** The queue names known, for "did you mean" (empty when any name is accepted). */
    default Set<String> knownQueues() {
        return Set.of();
    }

    /** The answer for a queue name: known, unknown but allowed (a warning), or unknown (an error). */
    enum QueueCheck { KNOWN, UNKNOWN_ALLOWED, UNKNOWN }
}
