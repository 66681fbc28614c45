package io.switchboard.app.voice;

import io.reactivex.rxjava3.disposables.Disposable;
import io.switchboard.ivr.port.QueueRequest;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.play.Player;
import io.switchboard.sip.b2bua.AnsweredCall;
import io.switchboard.speech.tts.SynthesisPool;
import io.switchboard.speech.tts.SynthesisRequest;
import io.switchboard.core.lane.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a caller waiting in a queue hears: the hold music round and round and, every
 * {@code announceEvery}, the flow's announcement (the music pauses for it and resumes after). Lane-confined.
 */
final class OnHold {
    private static final Logger log = LoggerFactory.getLogger(OnHold.class);

    private final AnsweredCall call;
    private final Speech speech;
    private final AudioFiles files;
    private final QueueRequest request;
    private Player music;
    private Player announcement;
    private Disposable synthesis = Disposable.empty();
    private Lane.TimerHandle next = Lane.TimerHandle.NONE;
    private boolean on;

    OnHold(AnsweredCall call, Speech speech, AudioFiles files, QueueRequest request) {
        this.call = call;
        this.speech = speech;
        this.files = files;
        this.request = request;
    }

    void start() {
        on = true;
        startMusic();
        scheduleAnnouncement();
    }

    /** Silence: an agent answered, the caller left the queue, or the call ended. */
    void stop() {
        on = false;
        next.cancel();
        synthesis.dispose();
        stopPlayer(music);
        stopPlayer(announcement);
        music = null;
        announcement = null;
    }

    private void startMusic() {
        if (request.holdMusic() == null || files == null) {
            return;
        }
        files.load(request.holdMusic(), codec()).thenAccept(encoded -> call.lane().execute(() -> {
            if (on && music == null && announcement == null) {
                music = CallerAudio.play(call, encoded, true, o -> { });
            }
        })).exceptionally(e -> {
            log.warn("call {}: hold music {} cannot play: {}", call.callId(), request.holdMusic(), e.getMessage());
            return null;
        });
    }

    private void scheduleAnnouncement() {
        if (on && request.announcement() != null && !request.announcement().isBlank() && request.announceEvery().toMillis() > 0) {
            next = call.lane().schedule(request.announceEvery(), this::announce);
        }
    }

    private void announce() {
        if (!on) {
            return;
        }
        SynthesisRequest tts = new SynthesisRequest(request.announcement(), request.language(), 1.0);
        synthesis = speech.prompts().get(tts, codec(), speech.pool()).observeOn(SynthesisPool.on(call.lane())).subscribe(encoded -> {
            if (!on) {
                return;
            }
            stopPlayer(music);
            music = null;
            announcement = CallerAudio.play(call, encoded, false, o -> {
                announcement = null;
                if (on) {
                    startMusic();
                    scheduleAnnouncement();
                }
            });
        }, error -> {
            log.warn("call {}: the queue announcement could not be synthesized: {}", call.callId(), error.getMessage());
            scheduleAnnouncement();
        });
    }

    private PayloadType codec() {
        return call.media() == null ? PayloadType.PCMU : call.media().codec();
    }

    private static void stopPlayer(Player p) {
        if (p != null) {
            p.stop();
        }
    }
}
