package io.switchboard.speech.tts.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers written in digits, read in Mandarin (pinyin): up to six digits as a cardinal (1234 → yi1 qian1
 * er4 bai3 san1 shi2 si4, 30000 → san1 wan4), years before 年 digit by digit, decimals with dian3; longer
 * runs or runs with a leading zero are identifiers (phone, order numbers) and are read digit by digit with
 * 1 as {@code yao1}, the way they are said on the phone.
 */
final class ChineseNumbers {
    static final String[] DIGIT = {"ling2", "yi1", "er4", "san1", "si4", "wu3", "liu4", "qi1", "ba1", "jiu3"};

    private ChineseNumbers() {
    }

    /** A number written in digits: as a Chinese number when short, else digit by digit. */
    static String read(String digits, boolean year) {
        int dot = digits.indexOf('.');
        if (dot > 0) {
            return read(digits.substring(0, dot), false) + " dian3 " + MandarinReading.digits(digits.substring(dot + 1), false);
        }
        if (year) {
            return MandarinReading.digits(digits, false);
        }
        if (digits.length() > 6 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return MandarinReading.digits(digits, true);
        }
        return cardinal(Integer.parseInt(digits));
    }

    /** 0 ≤ n &lt; 100 000 000 as a Chinese cardinal in pinyin. */
    static String cardinal(int n) {
        if (n == 0) {
            return "ling2";
        }
        List<String> out = new ArrayList<>();
        int high = n / 10000;
        int low = n % 10000;
        if (high > 0) {
            group(high, out, true);
            if (high == 2) {
                out.set(out.size() - 1, "liang3");
            }
            out.add("wan4");
            if (low > 0 && low < 1000) {
                out.add("ling2");
            }
        }
        if (low > 0) {
            group(low, out, high == 0);
        }
        return String.join(" ", out);
    }

    /** 1..9999, e.g. 2005 → liang3 qian1 ling2 wu3; a leading 1 of 10..19 is not read when first. */
    private static void group(int n, List<String> out, boolean first) {
        int[] d = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
        String[] unit = {"qian1", "bai3", "shi2", ""};
        int start = 0;
        while (d[start] == 0) {
            start++;
        }
        boolean zero = false;
        for (int k = start; k < 4; k++) {
            if (d[k] == 0) {
                zero = true;
                continue;
            }
            if (zero) {
                out.add("ling2");
                zero = false;
            }
            boolean bareTen = k == 2 && d[k] == 1 && k == start && first;
            if (!bareTen) {
                out.add(d[k] == 2 && k == 0 ? "liang3" : DIGIT[d[k]]);
            }
            if (!unit[k].isEmpty()) {
                out.add(unit[k]);
            }
        }
    }
}
