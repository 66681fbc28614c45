package io.switchboard.ivr.port;

/**
 * A prompt to speak or send, already rendered (variables filled in).
 *
 * @param text     what to say: plain text, or SSML when {@code ssml}
 * @param ssml     whether {@code text} is SSML (the supported subset is listed in docs/ivr.md)
 * @param plain    the words without markup, for text channels and transcripts
 * @param language BCP 47 language tag (e.g. {@code zh-CN})
 * @param voice    the TTS voice, or null for the language's default voice
 * @param bargeIn  whether caller input may cut it short
 */
public record Prompt(String text, boolean ssml, String plain, String language, String voice, boolean bargeIn) {
}
