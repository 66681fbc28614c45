package io.switchboard.ivr.source;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for misspelt names: the closest candidate by edit distance, if it is close enough. */
public final class Suggest {
    private Suggest() {
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string when nothing is close. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        String best = closest(typed, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** The closest candidate within a distance of about a third of the word (at least 1, at most 3), or null. */
    public static String closest(String typed, Collection<String> candidates) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int limit = Math.min(3, Math.max(1, typed.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = c.toLowerCase(Locale.ROOT).equals(lower) ? 0 : distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d <= limit) {
                best = c;
                bestDistance = d;
            }
        }
        return best == null || best.equals(typed) ? null : best;
    }

    /** Levenshtein distance where swapping two neighbouring letters counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
