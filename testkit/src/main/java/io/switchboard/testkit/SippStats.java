package io.switchboard.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads SIPp's {@code -trace_stat} CSV: a {@code ;}-separated header line, then one line per dump. */
final class SippStats {
    private SippStats() {
    }

    /** The last dump as column name to value; empty if SIPp wrote nothing. */
    static Map<String, String> lastLine(Path statFile) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(statFile)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(statFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return out;
        }
        lines.removeIf(l -> l.isBlank());
        if (lines.size() < 2) {
            return out;
        }
        String[] header = lines.get(0).split(";", -1);
        String[] values = lines.get(lines.size() - 1).split(";", -1);
        for (int i = 0; i < header.length && i < values.length; i++) {
            out.put(header[i].trim(), values[i]);
        }
        return out;
    }

    static long count(Map<String, String> stats, String column) {
        String v = stats.get(column);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
