package io.switchboard.speech.tts.text;

import io.switchboard.speech.tts.ssml.Segment;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Mandarin text as pinyin with tone numbers ({@code nin2 hao3}), which is what espeak-ng's
 * {@code cmn-latn-pinyin} voice reads correctly (its plain {@code cmn} voice reads Chinese characters badly,
 * espeak-ng issue #1236).
 *
 * <p>Characters are converted by pinyin4j (a 2.5 MB table, no dependencies). Where a character has several
 * readings pinyin4j gives the first listed, so a small table of words and characters common in service
 * prompts fixes the reading (银行 yin2 hang2, 重新 chong2 xin1, 还款 huan2 kuan3 …); tone sandhi (3-3, 一,
 * 不) is left to espeak-ng. Arabic numbers are read by {@link ChineseNumbers}. Latin letters are passed
 * through unchanged (the pinyin voice reads them as pinyin: English words inside Chinese text come out
 * wrong).
 */
public final class MandarinReading {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("银行", "yin2 hang2"), Map.entry("行长", "hang2 zhang3"), Map.entry("行业", "hang2 ye4"),
            Map.entry("重新", "chong2 xin1"), Map.entry("重复", "chong2 fu4"), Map.entry("还款", "huan2 kuan3"),
            Map.entry("归还", "gui1 huan2"), Map.entry("退还", "tui4 huan2"), Map.entry("调整", "tiao2 zheng3"),
            Map.entry("便宜", "pian2 yi2"), Map.entry("音乐", "yin1 yue4"), Map.entry("快乐", "kuai4 le4"),
            Map.entry("睡觉", "shui4 jiao4"), Map.entry("长度", "chang2 du4"), Map.entry("增长", "zeng1 zhang3"),
            Map.entry("会计", "kuai4 ji4"), Map.entry("因为", "yin1 wei4"), Map.entry("作为", "zuo4 wei2"),
            Map.entry("成为", "cheng2 wei2"), Map.entry("认为", "ren4 wei2"), Map.entry("了解", "liao3 jie3"),
            Map.entry("得到", "de2 dao4"), Map.entry("获得", "huo4 de2"), Map.entry("觉得", "jue2 de5"),
            Map.entry("记得", "ji4 de5"), Map.entry("地址", "di4 zhi3"), Map.entry("和平", "he2 ping2"),
            Map.entry("一下", "yi2 xia4"), Map.entry("一个", "yi2 ge4"), Map.entry("不是", "bu2 shi4"),
            Map.entry("不要", "bu2 yao4"), Map.entry("不会", "bu2 hui4"), Map.entry("不用", "bu2 yong4"));
    private static final Map<Character, String> CHARS = Map.of(
            '为', "wei4", '长', "chang2", '得', "de5", '的', "de5", '地', "de5", '了', "le5", '着', "zhe5");
    private static final int LONGEST_WORD = 2;
    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITH_TONE_NUMBER);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private MandarinReading() {
    }

    /** Pinyin for {@code span}, honouring its say-as. */
    public static String read(Segment.Spoken span) {
        return switch (span.sayAs()) {
            case NORMAL -> toPinyin(span.text());
            case DIGITS -> digits(span.text(), false);
            case TELEPHONE -> telephone(span.text());
            case CHARACTERS -> characters(span.text());
        };
    }

    /** Running Chinese text (possibly mixed with numbers and Latin words) as pinyin. */
    public static String toPinyin(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isDigit(c)) {
                int end = i;
                while (end < t.length() && (Character.isDigit(t.charAt(end))
                        || (t.charAt(end) == '.' && end + 1 < t.length() && Character.isDigit(t.charAt(end + 1))))) {
                    end++;
                }
                boolean year = end < t.length() && t.charAt(end) == '年';
                out.add(ChineseNumbers.read(t.substring(i, end), year));
                i = end;
                continue;
            }
            if (isHan(c)) {
                String word = i + LONGEST_WORD <= t.length() ? WORDS.get(t.substring(i, i + LONGEST_WORD)) : null;
                if (word != null) {
                    out.add(word);
                    i += LONGEST_WORD;
                } else {
                    out.add(syllable(c));
                    i++;
                }
                continue;
            }
            String p = punctuation(c);
            if (p != null) {
                append(out, p);
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < t.length() && Character.isLetter(t.charAt(end)) && !isHan(t.charAt(end))) {
                    end++;
                }
                out.add(t.substring(i, end));
                i = end;
                continue;
            }
            i++;
        }
        return String.join(" ", out).replace(" ,", ",").replace(" .", ".").replace(" ?", "?").replace(" !", "!").trim();
    }

    /** Digit by digit; with {@code phone}, 1 is {@code yao1}. Non-digits other than letters are skipped. */
    public static String digits(String text, boolean phone) {
        List<String> out = new ArrayList<>();
        for (char c : Normalizer.normalize(text, Normalizer.Form.NFKC).toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.add(phone && c == '1' ? "yao1" : ChineseNumbers.DIGIT[c - '0']);
            } else if (Character.isLetter(c)) {
                out.add(isHan(c) ? syllable(c) : String.valueOf(c));
            }
        }
        return String.join(" ", out);
    }

    /** A phone number in its groups, 1 read {@code yao1}, groups separated by commas. */
    public static String telephone(String number) {
        List<String> groups = new ArrayList<>();
        for (String g : DigitGroups.telephone(Normalizer.normalize(number, Normalizer.Form.NFKC))) {
            groups.add((g.startsWith("+") ? "jia1 " : "") + digits(g, true));
        }
        return String.join(", ", groups);
    }

    /** Each character on its own, characters by their single reading, digits by name. */
    public static String characters(String text) {
        List<String> out = new ArrayList<>();
        for (char c : Normalizer.normalize(text, Normalizer.Form.NFKC).toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.add(ChineseNumbers.DIGIT[c - '0']);
            } else if (isHan(c)) {
                out.add(syllable(c));
            } else if (Character.isLetter(c)) {
                out.add(String.valueOf(c));
            }
        }
        return String.join(", ", out);
    }

    private static String syllable(char c) {
        String fixed = CHARS.get(c);
        if (fixed != null) {
            return fixed;
        }
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? "" : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin4j rejected a fixed output format", e);
        }
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static String punctuation(char c) {
        return switch (c) {
            case ',', '、', ';', ':', '，', '；', '：' -> ",";
            case '.', '。' -> ".";
            case '?', '？' -> "?";
            case '!', '！' -> "!";
            default -> null;
        };
    }

    private static void append(List<String> out, String p) {
        if (out.isEmpty()) {
            return;
        }
        String last = out.get(out.size() - 1);
        if (last.equals(",") || last.equals(".") || last.equals("?") || last.equals("!")) {
            if (!p.equals(",")) {
                out.set(out.size() - 1, p);
            }
            return;
        }
        out.add(p);
    }
}
