package io.switchboard.ivr.expr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a prompt says: one template for every language, or one per language
 * ({@code {zh-CN: "您好", en-US: "Hello"}}) chosen by the call's current {@code language}.
 */
public final class Text {
    private final Template any;
    private final Map<String, Template> byLanguage;

    private Text(Template any, Map<String, Template> byLanguage) {
        this.any = any;
        this.byLanguage = byLanguage;
    }

    /** The same words in every language. */
    public static Text of(Template template) {
        return new Text(template, Map.of());
    }

    /** Words per language, in the order written. */
    public static Text byLanguage(Map<String, Template> templates) {
        return new Text(null, new LinkedHashMap<>(templates));
    }

    /** Literal words, for built-in prompts. */
    public static Text literal(Map<String, String> byLanguage) {
        Map<String, Template> m = new LinkedHashMap<>();
        byLanguage.forEach((k, v) -> m.put(k, Template.literal(v)));
        return byLanguage(m);
    }

    /** The template for {@code language}; else for {@code fallback}; else the first one written. */
    public Template pick(String language, String fallback) {
        if (any != null) {
            return any;
        }
        Template t = byLanguage.get(language);
        if (t == null) {
            t = byLanguage.get(fallback);
        }
        return t != null ? t : byLanguage.values().iterator().next();
    }

    /** The languages this text has words for (empty when the same words serve every language). */
    public java.util.Set<String> languages() {
        return byLanguage.keySet();
    }

    /** Every template, for validation. */
    public java.util.Collection<Template> templates() {
        return any != null ? java.util.List.of(any) : byLanguage.values();
    }

    @Override
    public String toString() {
        return any != null ? any.source() : byLanguage.toString();
    }
}
