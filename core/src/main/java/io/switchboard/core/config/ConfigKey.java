package io.switchboard.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One typed configuration key with its default, documentation and parser. Modules declare their keys
 * as constants; {@link Config} validates every value against them at start-up.
 *
 * @param name dotted key, e.g. {@code sip.port}
 * @param defaultText the default, written as an operator would write it
 * @param description one line for the configuration reference
 * @param secret whether the value is masked when the effective configuration is logged
 * @param parser turns text into the typed value or throws {@link IllegalArgumentException} saying what was expected
 */
public record ConfigKey<T>(String name, String defaultText, String description, boolean secret,
                           Function<String, T> parser) {

    public T parse(String text) {
        return parser.apply(text.trim());
    }

    public ConfigKey<T> asSecret() {
        return new ConfigKey<>(name, defaultText, description, true, parser);
    }

    public static ConfigKey<String> string(String name, String def, String description) {
        return new ConfigKey<>(name, def, description, false, s -> s);
    }

    public static ConfigKey<Integer> integer(String name, int def, int min, int max, String description) {
        return new ConfigKey<>(name, Integer.toString(def), description, false, s -> {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            return v;
        });
    }

    public static ConfigKey<Boolean> bool(String name, boolean def, String description) {
        return new ConfigKey<>(name, Boolean.toString(def), description, false, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        });
    }

    /** A duration written with its unit: {@code 500ms}, {@code 32s}, {@code 5m}, {@code 1h}. */
    public static ConfigKey<Duration> duration(String name, String def, String description) {
        return new ConfigKey<>(name, def, description, false, ConfigKey::parseDuration);
    }

    /** A comma-separated list, e.g. {@code SHA-256,MD5}; each element must be one of {@code allowed} when given. */
    public static ConfigKey<List<String>> list(String name, String def, String description, String... allowed) {
        return new ConfigKey<>(name, def, description, false, s -> {
            List<String> items = Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
            if (allowed.length > 0) {
                for (String item : items) {
                    if (!Arrays.asList(allowed).contains(item)) {
                        throw new IllegalArgumentException("'" + item + "' is not one of " + String.join(", ", allowed));
                    }
                }
            }
            return items;
        });
    }

    public static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("expected a duration of zero or more, like 500ms, 32s, 5m, 1h");
        }
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60);
            }
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            }
            if (t.endsWith("d")) {
                return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("expected a duration with a unit, like 500ms, 32s, 5m, 1h");
    }
}
