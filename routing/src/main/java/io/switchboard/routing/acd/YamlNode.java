package io.switchboard.routing.acd;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One YAML map of the directory with the path that names it ({@code directory.yaml: queues[2]}), so every
 * value read from it fails with the offending key named: operators fix configuration from the message
 * alone.
 */
final class YamlNode {
    static final int MAX_LEVEL = 100;

    final String path;
    private final Map<?, ?> map;

    YamlNode(String path, Object value, Set<String> fields) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ConfigException(path + " must be a map of keys (" + String.join(", ", new TreeSet<>(fields)) + ")");
        }
        this.path = path;
        this.map = m;
        for (Object k : m.keySet()) {
            if (!fields.contains(String.valueOf(k))) {
                throw new ConfigException(path + ": unknown key '" + k + "' (known: " + String.join(", ", new TreeSet<>(fields)) + ")");
            }
        }
    }

    ConfigException error(String key, String message) {
        return new ConfigException(path + "." + key + ": " + message);
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    String string(String key, String def) {
        Object v = map.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, "expected a single value, got " + v);
        }
        return String.valueOf(v).trim();
    }

    String required(String key) {
        String v = string(key, null);
        if (v == null || v.isEmpty()) {
            throw error(key, "is required");
        }
        return v;
    }

    int integer(String key, int def, int min, int max) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, "expected a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    boolean bool(String key, boolean def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw error(key, "expected true or false, got '" + v + "'");
    }

    Duration duration(String key, Duration def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return ConfigKey.parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage() + ", got '" + v + "'");
        }
    }

    /** A list of strings; a single value is a list of one. */
    List<String> strings(String key) {
        Object v = map.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x).trim()));
        } else if (v != null) {
            out.add(String.valueOf(v).trim());
        }
        return out;
    }

    /** Name to whole number: {@code {zh: 5, en: 3}}, {@code ["zh:5", "en:3"]} or {@code "zh:5, en:3"}. */
    Map<String, Integer> levels(String key, int min, int max) {
        Object v = map.get(key);
        Map<String, Object> raw = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> raw.put(String.valueOf(k).trim(), x));
        } else if (v != null) {
            List<String> items = v instanceof List<?> ? strings(key) : List.of(String.valueOf(v).split(","));
            for (String item : items) {
                String[] kv = item.split(":", 2);
                if (kv.length != 2) {
                    throw error(key, "expected name:level, got '" + item.trim() + "'");
                }
                raw.put(kv[0].trim(), kv[1].trim());
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        raw.forEach((name, x) -> {
            if (name.isEmpty()) {
                throw error(key, "a name is empty");
            }
            try {
                int n = Integer.parseInt(String.valueOf(x).trim());
                if (n >= min && n <= max) {
                    out.put(name, n);
                    return;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(key + "." + name, "expected a whole number from " + min + " to " + max + ", got '" + x + "'");
        });
        return out;
    }
}
