package io.switchboard.customer.identity;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What agents and IVR scripts know about a customer beyond identifiers. Custom fields are string pairs
 * (stored as a JSON object) so that what was written is what is read back, on either database.
 *
 * @param name       display name, may be empty
 * @param language   BCP 47 tag (e.g. {@code zh-CN}), may be empty
 * @param vipLevel   0 = none; higher is more important (routing priority)
 * @param tags       free labels, sorted
 * @param customFields operator-defined fields, sorted by key
 */
public record Profile(String name, String language, int vipLevel, Set<String> tags, Map<String, String> customFields) {

    public static final Profile EMPTY = new Profile("", "", 0, Set.of(), Map.of());

    public Profile {
        name = name == null ? "" : name.strip();
        language = language == null ? "" : language.strip();
        if (name.length() > 200) {
            throw new IllegalArgumentException("profile name longer than 200 characters");
        }
        if (vipLevel < 0) {
            throw new IllegalArgumentException("vipLevel must be 0 or more, got " + vipLevel);
        }
        tags = tags == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        customFields = customFields == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(customFields));
    }

    public static Profile named(String name) {
        return new Profile(name, "", 0, Set.of(), Map.of());
    }

    /** The key weak name matches are found by: trimmed, lower-cased, inner spaces collapsed; empty = none. */
    public String nameKey() {
        return name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /**
     * This profile with the gaps filled from {@code other}: kept name and language unless empty, the higher
     * VIP level, the union of tags, custom fields of this profile winning over {@code other}'s.
     */
    public Profile absorb(Profile other) {
        Set<String> allTags = new TreeSet<>(tags);
        allTags.addAll(other.tags);
        Map<String, String> fields = new TreeMap<>(other.customFields);
        fields.putAll(customFields);
        return new Profile(name.isEmpty() ? other.name : name, language.isEmpty() ? other.language : language,
                Math.max(vipLevel, other.vipLevel), allTags, fields);
    }
}
