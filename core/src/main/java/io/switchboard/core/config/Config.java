package io.switchboard.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective configuration: declared keys, values from YAML files (nested maps flattened to
 * dotted keys), then {@code --set key=value} overrides. Every value is parsed when loaded, so a bad
 * key or value fails start-up with the key named.
 */
public final class Config {
    private final Map<String, ConfigKey<?>> keys;
    private final Map<String, Object> values;
    private final Map<String, String> sources;

    private Config(Map<String, ConfigKey<?>> keys, Map<String, Object> values, Map<String, String> sources) {
        this.keys = keys;
        this.values = values;
        this.sources = sources;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Object v = values.get(key.name());
        if (v == null) {
            throw new ConfigException("config key " + key.name() + " was not declared");
        }
        return (T) v;
    }

    /** Lines {@code key = value (source)} with secrets masked, in key order. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (ConfigKey<?> k : new TreeMap<>(keys).values()) {
            String shown = k.secret() ? "****" : String.valueOf(values.get(k.name()));
            out.add(k.name() + " = " + shown + " (" + sources.get(k.name()) + ")");
        }
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects declared keys, then files, then overrides; {@link #build()} validates everything. */
    public static final class Builder {
        private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        private final Map<String, String> raw = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();

        public Builder declare(Collection<? extends ConfigKey<?>> declared) {
            for (ConfigKey<?> k : declared) {
                if (keys.putIfAbsent(k.name(), k) != null) {
                    throw new IllegalStateException("config key declared twice: " + k.name());
                }
            }
            return this;
        }

        public Collection<ConfigKey<?>> declared() {
            return keys.values();
        }

        /** Reads a YAML file of nested maps; a missing file is an error only if {@code required}. */
        public Builder file(Path file, boolean required) {
            if (!Files.exists(file)) {
                if (required) {
                    throw new ConfigException("config file not found: " + file);
                }
                return this;
            }
            Object doc = YamlFiles.load(file);
            if (doc == null) {
                return this;
            }
            if (!(doc instanceof Map<?, ?> map)) {
                throw new ConfigException("config file " + file + " must be a map of keys");
            }
            flatten("", map, file.getFileName().toString());
            return this;
        }

        private void flatten(String prefix, Map<?, ?> map, String source) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = prefix + e.getKey();
                Object v = e.getValue();
                if (v instanceof Map<?, ?> inner && !keys.containsKey(key)) {
                    flatten(key + ".", inner, source);
                } else if (v instanceof List<?> list) {
                    put(key, String.join(",", list.stream().map(String::valueOf).toList()), source);
                } else {
                    put(key, v == null ? "" : String.valueOf(v), source);
                }
            }
        }

        /** A {@code key=value} override, as given to {@code --set}. */
        public Builder set(String assignment) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set expects key=value, got '" + assignment + "'");
            }
            return put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), "--set");
        }

        public Builder put(String key, String value, String source) {
            if (!keys.containsKey(key)) {
                throw new ConfigException("unknown config key '" + key + "' (from " + source + ")" + suggestion(key));
            }
            raw.put(key, value);
            sources.put(key, source);
            return this;
        }

        private String suggestion(String key) {
            return keys.keySet().stream()
                    .min(Comparator.comparingInt(k -> distance(k, key)))
                    .filter(k -> distance(k, key) <= 3)
                    .map(k -> "; did you mean '" + k + "'?")
                    .orElse("");
        }

        public Config build() {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> src = new LinkedHashMap<>();
            for (ConfigKey<?> k : keys.values()) {
                String text = raw.getOrDefault(k.name(), k.defaultText());
                String from = sources.getOrDefault(k.name(), "default");
                try {
                    values.put(k.name(), k.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("invalid value for " + k.name() + ": '" + text + "' (from " + from + "): " + e.getMessage());
                }
                src.put(k.name(), from);
            }
            return new Config(Map.copyOf(keys), values, src);
        }

        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }
    }
}
