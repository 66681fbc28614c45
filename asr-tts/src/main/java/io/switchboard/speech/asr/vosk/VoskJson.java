package io.switchboard.speech.asr.vosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.speech.asr.RecognizedWord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Vosk's result JSON. With words enabled a result is
 * {@code {"result":[{"conf":0.93,"start":0.06,"end":0.42,"word":"billing"}, …], "text":"billing"}}
 * (times in seconds), a partial is {@code {"partial":"bill"}}; an empty result has only {@code "text":""}.
 * Grammar and free-form results look the same.
 */
final class VoskJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VoskJson() {
    }

    /** The words of a (final) result, times in milliseconds. */
    static List<RecognizedWord> words(String json) {
        JsonNode result = parse(json).path("result");
        List<RecognizedWord> out = new ArrayList<>(result.size());
        for (JsonNode w : result) {
            out.add(new RecognizedWord(w.path("word").asText(""), w.path("conf").asDouble(0),
                    Math.round(w.path("start").asDouble(0) * 1000), Math.round(w.path("end").asDouble(0) * 1000)));
        }
        return out;
    }

    /** The text of a partial result ({@code ""} when none). */
    static String partialText(String json) {
        return parse(json).path("partial").asText("").trim();
    }

    /** A grammar as Vosk wants it: a JSON array of the phrases plus {@code "[unk]"} for anything else. */
    static String grammar(List<String> phrases) {
        List<String> all = new ArrayList<>(phrases);
        if (!all.contains("[unk]")) {
            all.add("[unk]");
        }
        try {
            return JSON.writeValueAsString(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable Vosk result: " + json, e);
        }
    }
}
