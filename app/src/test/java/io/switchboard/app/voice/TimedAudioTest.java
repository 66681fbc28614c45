package io.switchboard.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TimedAudioTest {

    private static short[] frame(short v) {
        short[] f = new short[160];
        Arrays.fill(f, v);
        return f;
    }

    @Test
    void gapsBecomeSilenceAndLatePacketsLandInPlace() {
        TimedAudio a = new TimedAudio(8000);
        a.add(1000, 8000, frame((short) 1));
        a.add(1000 + 480, 8000, frame((short) 3)); // 20 ms missing in between
        a.add(1000 + 160, 8000, frame((short) 2)); // late
        short[] s = a.samples();
        assertThat(s).hasSize(640);
        assertThat(s[0]).isEqualTo((short) 1);
        assertThat(s[160]).isEqualTo((short) 2);
        assertThat(s[320]).isEqualTo((short) 0);
        assertThat(s[480]).isEqualTo((short) 3);
    }

    @Test
    void opusTimestampsAreScaledAndTheLengthIsBounded() {
        TimedAudio a = new TimedAudio(400);
        a.add(0xFFFFFF00L, 48000, frame((short) 5));
        a.add(0xFFFFFF00L + 960, 48000, frame((short) 6)); // wraps around 2^32
        a.add(0xFFFFFF00L + 96000, 48000, frame((short) 7)); // 2 s later: beyond the bound
        short[] s = a.samples();
        assertThat(s).hasSize(320);
        assertThat(s[160]).isEqualTo((short) 6);
    }
}
