package io.switchboard.sip.directory;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.YamlFiles;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The extensions of {@code conf/directory.yaml}, validated at load with the entry named in errors. */
public final class Directory {
    private static final Set<String> FIELDS = Set.of("ext", "name", "password", "contact");

    private volatile Map<String, Extension> byNumber;

    public Directory(Collection<Extension> extensions) {
        this.byNumber = index(extensions);
    }

    /**
     * Replaces every extension at once (the file plus those managed through the admin API): lookups on
     * any lane see either the old or the new directory, never a mix.
     */
    public void replaceAll(Collection<Extension> extensions) {
        this.byNumber = index(extensions);
    }

    private static Map<String, Extension> index(Collection<Extension> extensions) {
        Map<String, Extension> m = new LinkedHashMap<>();
        for (Extension e : extensions) {
            m.put(e.number(), e);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    public Optional<Extension> find(String number) {
        return number == null ? Optional.empty() : Optional.ofNullable(byNumber.get(number));
    }

    public Collection<Extension> all() {
        return byNumber.values();
    }

    public boolean hasDemoCredentials() {
        return byNumber.values().stream().anyMatch(Extension::demo);
    }

    public static Directory load(Path file) {
        Object doc = YamlFiles.load(file);
        if (doc == null) {
            return new Directory(List.of());
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new ConfigException(file + ": expected a map with an 'extensions' list");
        }
        for (Object k : root.keySet()) {
            if (!"extensions".equals(k) && !"agents".equals(k) && !"queues".equals(k)) {
                throw new ConfigException(file + ": unknown section '" + k + "' (known: extensions, agents, queues)");
            }
        }
        Object list = root.get("extensions");
        if (list == null) {
            return new Directory(List.of());
        }
        if (!(list instanceof List<?> entries)) {
            throw new ConfigException(file + ": 'extensions' must be a list");
        }
        Map<String, Extension> out = new LinkedHashMap<>();
        int index = 0;
        for (Object o : entries) {
            index++;
            if (!(o instanceof Map<?, ?> e)) {
                throw new ConfigException(file + ": extensions entry " + index + " must be a map");
            }
            for (Object k : e.keySet()) {
                if (!FIELDS.contains(String.valueOf(k))) {
                    throw new ConfigException(file + ": extensions entry " + index + ": unknown field '" + k + "' (known: " + FIELDS + ")");
                }
            }
            Object ext = e.get("ext");
            if (ext == null || !String.valueOf(ext).matches("[0-9A-Za-z_.+-]{1,32}")) {
                throw new ConfigException(file + ": extensions entry " + index + ": 'ext' must be 1-32 characters of [0-9A-Za-z_.+-], got " + ext);
            }
            String number = String.valueOf(ext);
            if (out.containsKey(number)) {
                throw new ConfigException(file + ": extension " + number + " is defined twice");
            }
            Optional<String> password = Optional.ofNullable(e.get("password")).map(String::valueOf).filter(s -> !s.isEmpty());
            Optional<String> contact = Optional.ofNullable(e.get("contact")).map(String::valueOf).filter(s -> !s.isEmpty());
            if (contact.isPresent() && !contact.get().matches("sips?:.+")) {
                throw new ConfigException(file + ": extension " + number + ": contact must be a sip: URI, got " + contact.get());
            }
            String name = Optional.ofNullable(e.get("name")).map(String::valueOf).orElse(number);
            boolean demo = password.map(p -> Extension.isDemoPassword(number, p)).orElse(false);
            out.put(number, new Extension(number, name, password, contact, demo));
        }
        return new Directory(out.values());
    }
}
