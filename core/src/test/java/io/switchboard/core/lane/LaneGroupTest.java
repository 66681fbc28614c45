package io.switchboard.core.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Key → lane mapping: pinned prefixes and a hash that never changes between runs. */
class LaneGroupTest {

    /** The documented mapping, re-derived: String.hashCode spread by its high half, modulo the lane count. */
    private static int expectedHashLane(String key, int lanes) {
        int h = key.hashCode();
        return Math.floorMod(h ^ (h >>> 16), lanes);
    }

    @Test
    void pinnedKeysGoToTheirLane() {
        assertThat(LaneGroup.laneIndexFor("sb0.abc", 4)).isZero();
        assertThat(LaneGroup.laneIndexFor("sb3.abc@host", 4)).isEqualTo(3);
        assertThat(LaneGroup.laneIndexFor("sb12.x", 16)).isEqualTo(12);
        assertThat(LaneGroup.laneIndexFor(LaneGroup.pinnedPrefix(7) + "rest", 8)).isEqualTo(7);
        assertThat(LaneGroup.pinnedPrefix(5)).isEqualTo("sb5.");
    }

    @Test
    void keysThatOnlyLookPinnedAreHashed() {
        for (String key : new String[] {"sb4.x", "sb.x", "sbx.1", "sb3", "sb3x.y", "sb12345.x", "xsb1.y", "SB1.x"}) {
            int lanes = 4;
            assertThat(LaneGroup.laneIndexFor(key, lanes)).as(key).isEqualTo(expectedHashLane(key, lanes));
        }
    }

    @Test
    void theHashIsStableAndInRange() {
        String callId = "a84b4c76e66710@pc33.atlanta.com";
        int h = callId.hashCode();
        assertThat(h).as("String.hashCode is specified by the JLS").isEqualTo(hashOf(callId));
        for (int lanes = 1; lanes <= 64; lanes++) {
            int i = LaneGroup.laneIndexFor(callId, lanes);
            assertThat(i).isBetween(0, lanes - 1).isEqualTo(expectedHashLane(callId, lanes));
            assertThat(LaneGroup.laneIndexFor(new StringBuilder(callId), lanes)).as("any CharSequence").isEqualTo(i);
        }
        assertThat(LaneGroup.laneIndexFor("", 3)).isZero();
    }

    @Test
    void aGroupMapsKeysToItsLanes() throws InterruptedException {
        LaneGroup group = new LaneGroup("test", 3);
        try {
            assertThat(group.size()).isEqualTo(3);
            assertThat(group.laneFor("sb2.call")).isSameAs(group.lane(2));
            assertThat(group.laneIndexFor("some-call-id")).isEqualTo(LaneGroup.laneIndexFor("some-call-id", 3));
            assertThat(group.laneFor("some-call-id")).isSameAs(group.lane(group.laneIndexFor("some-call-id")));
        } finally {
            group.shutdown(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> new LaneGroup("none", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int hashOf(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }
}
