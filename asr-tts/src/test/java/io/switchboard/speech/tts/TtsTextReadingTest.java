package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.speech.tts.ssml.SayAs;
import io.switchboard.speech.tts.ssml.Segment;
import io.switchboard.speech.tts.text.DigitGroups;
import io.switchboard.speech.tts.text.EnglishReading;
import io.switchboard.speech.tts.text.MandarinReading;
import org.junit.jupiter.api.Test;

/** The words each language gives to say-as spans, and Mandarin text as pinyin. */
class TtsTextReadingTest {

    @Test
    void englishDigitsTelephoneAndCharacters() {
        assertThat(EnglishReading.read(new Segment.Spoken("4008001234", SayAs.DIGITS, 1)))
                .isEqualTo("four zero zero eight zero zero one two three four");
        assertThat(EnglishReading.read(new Segment.Spoken("4008001234", SayAs.TELEPHONE, 1)))
                .isEqualTo("four zero zero, eight zero zero, one two three four");
        assertThat(EnglishReading.read(new Segment.Spoken("400-800-1234", SayAs.DIGITS, 1)).split(" ")).hasSize(10);
        assertThat(EnglishReading.read(new Segment.Spoken("AB-7", SayAs.CHARACTERS, 1))).isEqualTo("ay bee dash seven");
        assertThat(EnglishReading.read(new Segment.Spoken("Order 1234", SayAs.NORMAL, 1))).isEqualTo("Order 1234");
    }

    @Test
    void telephoneGroups() {
        assertThat(DigitGroups.telephone("4008001234")).containsExactly("400", "800", "1234");
        assertThat(DigitGroups.telephone("13812345678")).containsExactly("138", "1234", "5678");
        assertThat(DigitGroups.telephone("+86 10 6552 9988")).containsExactly("+86", "10", "6552", "9988");
        assertThat(DigitGroups.telephone("95555")).containsExactly("9", "5555");
    }

    @Test
    void mandarinPinyinWithToneNumbers() {
        assertThat(MandarinReading.toPinyin("您好，欢迎致电客服中心。")).isEqualTo("nin2 hao3, huan1 ying2 zhi4 dian4 ke4 fu2 zhong1 xin1.");
        assertThat(MandarinReading.toPinyin("请到银行重新办理")).isEqualTo("qing3 dao4 yin2 hang2 chong2 xin1 ban4 li3");
        assertThat(MandarinReading.toPinyin("绿色")).isEqualTo("lv4 se4");
    }

    @Test
    void mandarinNumbers() {
        assertThat(MandarinReading.toPinyin("共12件")).isEqualTo("gong4 shi2 er4 jian4");
        assertThat(MandarinReading.toPinyin("2005元")).isEqualTo("liang3 qian1 ling2 wu3 yuan2");
        assertThat(MandarinReading.toPinyin("30000")).isEqualTo("san1 wan4");
        assertThat(MandarinReading.toPinyin("2024年")).isEqualTo("er4 ling2 er4 si4 nian2");
        assertThat(MandarinReading.toPinyin("3.5")).isEqualTo("san1 dian3 wu3");
        assertThat(MandarinReading.toPinyin("订单号88812345")).endsWith("ba1 ba1 ba1 yao1 er4 san1 si4 wu3");
    }

    @Test
    void mandarinSayAs() {
        assertThat(MandarinReading.read(new Segment.Spoken("4008001234", SayAs.DIGITS, 1)))
                .isEqualTo("si4 ling2 ling2 ba1 ling2 ling2 yi1 er4 san1 si4");
        assertThat(MandarinReading.read(new Segment.Spoken("4008001234", SayAs.TELEPHONE, 1)))
                .isEqualTo("si4 ling2 ling2, ba1 ling2 ling2, yao1 er4 san1 si4");
        assertThat(MandarinReading.read(new Segment.Spoken("客服", SayAs.CHARACTERS, 1))).isEqualTo("ke4, fu2");
    }
}
