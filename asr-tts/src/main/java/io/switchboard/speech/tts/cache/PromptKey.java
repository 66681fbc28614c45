package io.switchboard.speech.tts.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What makes synthesized audio differ: engine, engine voice, the exact text (or SSML) and rate. The codec
 * is not part of this key: the audio is kept on disk once, as 8 kHz PCM, and encoded per codec in memory.
 */
record PromptKey(String engine, String voice, String text, double rate) {

    /** The key as stored inside the cache file, to detect a hash collision or a foreign file. */
    String canonical() {
        return engine + '\n' + voice + '\n' + String.format(Locale.ROOT, "%.4f", rate) + '\n' + text;
    }

    /** SHA-256 of {@link #canonical()} in hex: the cache file's name. */
    String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
