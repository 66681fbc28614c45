package io.switchboard.speech.tts.text;

import java.util.ArrayList;
import java.util.List;

/**
 * How a phone number is grouped when read aloud. Groups the caller wrote (400-800-1234, 400 800 1234) are
 * kept; an unbroken run is cut the way the number is usually said: China's 400/800 service numbers 3-3-4,
 * mobile numbers (11 digits starting with 1) 3-4-4, others in threes with a final four.
 */
public final class DigitGroups {
    private DigitGroups() {
    }

    /** The digit groups of {@code number}; characters other than digits and '+' separate groups. */
    public static List<String> telephone(String number) {
        List<String> written = new ArrayList<>();
        StringBuilder g = new StringBuilder();
        for (char c : number.toCharArray()) {
            if (Character.isDigit(c) || (c == '+' && g.isEmpty())) {
                g.append(c);
            } else if (!g.isEmpty()) {
                written.add(g.toString());
                g.setLength(0);
            }
        }
        if (!g.isEmpty()) {
            written.add(g.toString());
        }
        if (written.size() != 1) {
            return written;
        }
        return split(written.get(0));
    }

    private static List<String> split(String run) {
        String plus = run.startsWith("+") ? "+" : "";
        String d = run.substring(plus.length());
        int[] sizes;
        if (d.length() == 10 && (d.startsWith("400") || d.startsWith("800"))) {
            sizes = new int[] {3, 3, 4};
        } else if (d.length() == 11 && d.startsWith("1")) {
            sizes = new int[] {3, 4, 4};
        } else if (d.length() <= 4) {
            sizes = new int[] {d.length()};
        } else {
            int threes = (d.length() - 4) / 3;
            int rest = d.length() - 3 * threes;
            sizes = new int[threes + (rest > 4 ? 2 : 1)];
            for (int i = 0; i < threes; i++) {
                sizes[i] = 3;
            }
            if (rest > 4) {
                sizes[threes] = rest - 4;
                sizes[threes + 1] = 4;
            } else {
                sizes[threes] = rest;
            }
        }
        List<String> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add((out.isEmpty() ? plus : "") + d.substring(at, at + s));
            at += s;
        }
        return out;
    }
}
