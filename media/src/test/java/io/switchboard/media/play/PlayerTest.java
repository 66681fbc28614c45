package io.switchboard.media.play;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.codec.G711Codec;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.dtmf.DtmfDigit;
import io.switchboard.media.dtmf.TonePlan;
import io.switchboard.media.play.Player.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayerTest {
    private final CollectingEndpoint endpoint = new CollectingEndpoint();
    private final List<Outcome> outcomes = new ArrayList<>();

    private static Prompt prompt(int frames) {
        List<PcmFrame> list = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            short[] s = new short[PcmFrame.SAMPLES];
            Arrays.fill(s, (short) (100 * (f + 1)));
            list.add(PcmFrame.of(s));
        }
        return Prompt.of(list);
    }

    @Test
    void aPromptSendsOneFramePerTickAndFinishesWithItsLastFrame() {
        Prompt p = prompt(3);
        Player player = Player.prompt(p, endpoint, false, outcomes::add);

        assertThat(player.tick()).isTrue();
        assertThat(player.tick()).isTrue();
        assertThat(outcomes).isEmpty();
        assertThat(player.tick()).isFalse();
        assertThat(outcomes).containsExactly(Outcome.FINISHED);
        assertThat(player.tick()).isFalse();
        player.stop();

        assertThat(endpoint.sent).isEqualTo(p.frames());
        assertThat(outcomes).containsExactly(Outcome.FINISHED);
        assertThat(player.framesSent()).isEqualTo(3);
    }

    @Test
    void aLoopingPromptStartsOverUntilBargeIn() {
        Prompt p = prompt(3);
        Player player = Player.prompt(p, endpoint, true, outcomes::add);
        for (int i = 0; i < 7; i++) {
            assertThat(player.tick()).isTrue();
        }
        player.stop();
        player.stop();

        assertThat(player.tick()).isFalse();
        assertThat(endpoint.sent).hasSize(7).startsWith(p.frames().toArray(new PcmFrame[0]));
        assertThat(endpoint.sent.get(6)).isEqualTo(p.frames().get(0));
        assertThat(outcomes).containsExactly(Outcome.STOPPED);
    }

    @Test
    void stopBeforeTheFirstTickSendsNothing() {
        Player player = Player.prompt(prompt(3), endpoint, false, outcomes::add);
        player.stop();

        assertThat(player.tick()).isFalse();
        assertThat(player.isPlaying()).isFalse();
        assertThat(endpoint.sent).isEmpty();
        assertThat(outcomes).containsExactly(Outcome.STOPPED);
    }

    @Test
    void anEmptyPromptFinishesOnItsFirstTickEvenWhenLooping() {
        Player player = Player.prompt(prompt(0), endpoint, true, outcomes::add);

        assertThat(player.tick()).isFalse();
        assertThat(endpoint.sent).isEmpty();
        assertThat(outcomes).containsExactly(Outcome.FINISHED);
    }

    @Test
    void ringbackRepeatsUntilStoppedAndADtmfToneFinishes() {
        Player ringback = Player.tone(TonePlan.ringbackChina(), 4000, endpoint, outcomes::add);
        for (int i = 0; i < 600; i++) {
            assertThat(ringback.tick()).isTrue();
        }
        assertThat(endpoint.sent.get(0)).isNotEqualTo(PcmFrame.silence());
        assertThat(endpoint.sent.get(100)).isEqualTo(PcmFrame.silence());
        assertThat(endpoint.sent.get(250)).isNotEqualTo(PcmFrame.silence());
        ringback.stop();

        CollectingEndpoint keypad = new CollectingEndpoint();
        Player key = Player.tone(TonePlan.dtmf(DtmfDigit.D7, 100, 60), 6000, keypad, outcomes::add);
        int playingAfterTick = 0;
        while (key.tick()) {
            playingAfterTick++;
        }
        assertThat(playingAfterTick).as("the 8th tick sends the last frame and ends the tone").isEqualTo(7);
        assertThat(keypad.sent).hasSize(8);
        assertThat(outcomes).containsExactly(Outcome.STOPPED, Outcome.FINISHED);
    }

    @Test
    void anEncodedPromptSendsItsCachedPayloads() {
        Prompt p = prompt(2);
        EncodedPrompt encoded = EncodedPrompt.encode(p, "PCMU/8000", G711Codec.PCMU);
        List<byte[]> payloads = new ArrayList<>();
        Player player = Player.encoded(encoded, payloads::add, false, outcomes::add);
        while (player.tick()) {
            assertThat(outcomes).isEmpty();
        }

        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(1)).isEqualTo(G711Codec.PCMU.encode(p.frames().get(1)));
        assertThat(outcomes).containsExactly(Outcome.FINISHED);
    }
}
