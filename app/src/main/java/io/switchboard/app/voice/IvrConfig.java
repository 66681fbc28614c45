package io.switchboard.app.voice;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * Where the IVR flows and their sounds live, and how often flow files are checked for changes.
 *
 * @param dir    the flow files (relative paths are under the conf directory)
 * @param sounds the audio files flows {@code play} (relative paths are under the conf directory)
 * @param watch  how often {@code dir} is checked for changed files; 0 turns hot reload off
 */
public record IvrConfig(String dir, String sounds, Duration watch) {
    public static final ConfigKey<String> DIR = ConfigKey.string("ivr.dir", "ivr", "IVR flow files (relative: under the conf directory)");
    public static final ConfigKey<String> SOUNDS = ConfigKey.string("ivr.sounds", "sounds",
            "audio files the 'play' verb may use (relative: under the conf directory)");
    public static final ConfigKey<Duration> WATCH = ConfigKey.duration("ivr.watch", "2s",
            "how often changed flow files are validated and published (0 turns hot reload off)");

    public static List<ConfigKey<?>> keys() {
        return List.of(DIR, SOUNDS, WATCH);
    }

    public static IvrConfig from(Config c) {
        return new IvrConfig(c.get(DIR), c.get(SOUNDS), c.get(WATCH));
    }
}
