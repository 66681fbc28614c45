/**
 * Speech for voice bots: recognition ({@code asr}, Vosk) and synthesis ({@code tts}, MaryTTS for English,
 * espeak-ng for Mandarin and other languages), each behind a small interface so the IVR and the media
 * path never depend on an engine. Engines run on bounded pools; results go back to the caller's lane.
 */
package io.switchboard.speech;
