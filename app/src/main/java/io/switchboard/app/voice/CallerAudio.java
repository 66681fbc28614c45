package io.switchboard.app.voice;

import io.switchboard.media.play.EncodedPrompt;
import io.switchboard.media.play.Player;
import io.switchboard.media.rtp.RtpSession;
import io.switchboard.media.sdp.NegotiatedMedia;
import io.switchboard.sip.b2bua.AnsweredCall;
import java.util.function.Consumer;

/** Plays pre-encoded audio (cached prompts, files) to the caller, a payload per media tick, as one continuing RTP stream. */
final class CallerAudio {
    private CallerAudio() {
    }

    /** Starts playing {@code prompt} (round and round when {@code loop}); {@code onDone} runs on the lane when it ends. */
    static Player play(AnsweredCall call, EncodedPrompt prompt, boolean loop, Consumer<Player.Outcome> onDone) {
        RtpSession session = call.session();
        NegotiatedMedia media = call.media();
        int pt = media.codec().number();
        int units = media.codec().clockRate() / 50;
        Player player = Player.encoded(prompt, payload -> session.sendPacket(session.sender().nextFrame(pt, payload, units)), loop, onDone);
        session.sender().markNextPacket();
        call.tick().add(player);
        return player;
    }
}
