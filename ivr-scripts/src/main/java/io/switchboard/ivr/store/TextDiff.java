package io.switchboard.ivr.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two versions of a flow in unified format ({@code ---}/{@code +++} headers, {@code @@}
 * hunks with three lines of context), computed from the longest common subsequence of lines.
 */
public final class TextDiff {
    private static final int CONTEXT = 3;

    private TextDiff() {
    }

    /** The differences from {@code a} to {@code b}; only the headers when they are equal. */
    public static String unified(String a, String b, String labelA, String labelB) {
        List<String> x = lines(a);
        List<String> y = lines(b);
        List<int[]> ops = script(x, y);
        StringBuilder out = new StringBuilder("--- " + labelA + "\n+++ " + labelB + "\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == 0) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int quiet = 0;
            while (end < ops.size() && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end)[0] == 0 ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, quiet - CONTEXT));
            hunk(out, ops.subList(start, end), x, y);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<int[]> ops, List<String> x, List<String> y) {
        int[] first = ops.get(0);
        int lenA = (int) ops.stream().filter(o -> o[0] <= 0).count();
        int lenB = (int) ops.stream().filter(o -> o[0] >= 0).count();
        out.append("@@ -").append(first[1] + (lenA == 0 ? 0 : 1)).append(',').append(lenA)
                .append(" +").append(first[2] + (lenB == 0 ? 0 : 1)).append(',').append(lenB).append(" @@\n");
        for (int[] o : ops) {
            if (o[0] == 0) {
                out.append(' ').append(x.get(o[1])).append('\n');
            } else if (o[0] < 0) {
                out.append('-').append(x.get(o[1])).append('\n');
            } else {
                out.append('+').append(y.get(o[2])).append('\n');
            }
        }
    }

    /** Edit script: {kind (0 keep, -1 delete, +1 insert), index in a, index in b}. */
    private static List<int[]> script(List<String> x, List<String> y) {
        int n = x.size();
        int m = y.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x.get(i).equals(y.get(j))) {
                ops.add(new int[] {0, i++, j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new int[] {-1, i++, j});
            } else {
                ops.add(new int[] {1, i, j++});
            }
        }
        return ops;
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
