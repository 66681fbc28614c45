package io.switchboard.speech.asr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: the minimum number of word substitutions, deletions and insertions turning the
 * reference into the hypothesis, over the number of reference words (Levenshtein distance on words).
 *
 * <p>Both texts are normalised the same way first: lower case, anything but letters, digits and
 * apostrophes is a word separator ({@code "Status?"} = {@code "status"}). A corpus rate is the sum of
 * the errors over the sum of the reference words ({@link Counts#plus}), not a mean of sentence rates.
 * Words only: for Chinese (no spaces) score characters instead.
 */
public final class WordErrorRate {

    private WordErrorRate() {
    }

    /**
     * The edit counts of one hypothesis against its reference.
     *
     * @param referenceWords words in the reference (the denominator)
     */
    public record Counts(int substitutions, int deletions, int insertions, int referenceWords) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0);

        public int errors() {
            return substitutions + deletions + insertions;
        }

        /** Errors over reference words; 0 for an empty reference and hypothesis, 1 per inserted word otherwise. */
        public double rate() {
            if (referenceWords == 0) {
                return errors() == 0 ? 0 : errors();
            }
            return (double) errors() / referenceWords;
        }

        public Counts plus(Counts o) {
            return new Counts(substitutions + o.substitutions, deletions + o.deletions, insertions + o.insertions,
                    referenceWords + o.referenceWords);
        }
    }

    /** The word error rate of {@code hypothesis} against {@code reference}. */
    public static double of(String reference, String hypothesis) {
        return counts(reference, hypothesis).rate();
    }

    /** The substitutions, deletions and insertions of {@code hypothesis} against {@code reference}. */
    public static Counts counts(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int n = ref.size();
        int m = hyp.size();
        // cost[i][j]: edits from ref[0..i) to hyp[0..j); the three counts are carried along the best path
        int[][] cost = new int[n + 1][m + 1];
        int[][] subs = new int[n + 1][m + 1];
        int[][] dels = new int[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            cost[i][0] = i;
            dels[i][0] = i;
        }
        for (int j = 1; j <= m; j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                boolean same = ref.get(i - 1).equals(hyp.get(j - 1));
                int diagonal = cost[i - 1][j - 1] + (same ? 0 : 1);
                int deletion = cost[i - 1][j] + 1;
                int insertion = cost[i][j - 1] + 1;
                if (diagonal <= deletion && diagonal <= insertion) {
                    cost[i][j] = diagonal;
                    subs[i][j] = subs[i - 1][j - 1] + (same ? 0 : 1);
                    dels[i][j] = dels[i - 1][j - 1];
                } else if (deletion <= insertion) {
                    cost[i][j] = deletion;
                    subs[i][j] = subs[i - 1][j];
                    dels[i][j] = dels[i - 1][j] + 1;
                } else {
                    cost[i][j] = insertion;
                    subs[i][j] = subs[i][j - 1];
                    dels[i][j] = dels[i][j - 1];
                }
            }
        }
        int s = subs[n][m];
        int d = dels[n][m];
        return new Counts(s, d, cost[n][m] - s - d, n);
    }

    /** The normalised words of {@code text}: lower case, split at anything but letters, digits and apostrophes. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
