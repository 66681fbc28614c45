package io.switchboard.speech.asr;

/**
 * Counters of a {@link SpeechRecognizer} since it started (STYLE principle 11: every pipeline node
 * counts what it does).
 *
 * @param streamsOpened  streams opened
 * @param streamsActive  streams opened and not yet ended
 * @param audioDecodedMs milliseconds of caller audio handed to the decoder (silence between utterances
 *                       is not decoded, so this is usually well below the audio fed)
 * @param framesDropped  20 ms frames dropped because a stream's decoder backlog was full
 * @param utterances     final results produced
 */
public record RecognizerStats(long streamsOpened, long streamsActive, long audioDecodedMs, long framesDropped,
                              long utterances) {
}
