/**
 * Text to speech for prompts and voice bots.
 *
 * <p>This package is the engine-neutral part: {@link io.switchboard.speech.tts.SpeechSynthesizer} (blocking,
 * text or an SSML subset in, PCM out), {@link io.switchboard.speech.tts.Voices} (picks the engine by
 * language tag), {@link io.switchboard.speech.tts.SynthesisPool} (bounded worker pool, RxJava
 * {@code Single}s observed on a lane) and {@link io.switchboard.speech.tts.ChunkedRenderer} (pauses and
 * say-as handled the same way for every engine). One package per concern below it: {@code ssml} (parsing),
 * {@code text} (language readings: English words for digits, Mandarin pinyin), {@code marytts} and
 * {@code espeak} (the engines), {@code cache} (synthesized prompts in memory and on disk).
 */
package io.switchboard.speech.tts;
