package io.switchboard.media.record;

import io.switchboard.core.lane.Lane;
import io.switchboard.media.bridge.PacketTap;
import io.switchboard.media.bridge.Side;
import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.OpusCodec;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.jitter.JitterBuffer;
import io.switchboard.media.jitter.JitterBufferConfig;
import io.switchboard.media.jitter.Playout;
import io.switchboard.media.tick.MediaTick;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Records a bridged call: takes both legs' packets from the bridge's {@link PacketTap}, puts each leg
 * through its own adaptive {@link JitterBuffer} (packets arrive early, late and out of order; the
 * recording must not), decodes one frame per leg on every media tick and hands them to the
 * {@link CallRecorder} (caller left, other party right). A lost packet is concealed by the codec where it
 * can (Opus) and silence otherwise. A leg that changes codec (re-INVITE) gets a fresh buffer and decoder.
 *
 * <p>Packets are posted from the media event loop to the lane; everything else runs on the lane.
 */
public final class BridgeRecording implements PacketTap, MediaTick.Tickable {
    private final Lane lane;
    private final CallRecorder recorder;
    private final Function<PayloadType, AudioCodec> codecs;
    private final Map<Side, Track> tracks = new EnumMap<>(Side.class);
    private boolean stopped;
    private RecordingResult result;

    /** One leg's buffer and decoder, for the codec it speaks now. */
    private static final class Track {
        final PayloadType codec;
        final JitterBuffer buffer;
        final AudioCodec decoder;

        Track(PayloadType codec, AudioCodec decoder) {
            this.codec = codec;
            this.decoder = decoder;
            this.buffer = new JitterBuffer(JitterBufferConfig.forUnitsPerFrame(codec.clockRate() / 50));
        }

        void close() {
            if (decoder instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the decoder is gone either way
                }
            }
        }
    }

    public BridgeRecording(Lane lane, CallRecorder recorder, Function<PayloadType, AudioCodec> codecs) {
        this.lane = lane;
        this.recorder = recorder;
        this.codecs = codecs;
    }

    @Override
    public void onPacket(Side from, PayloadType codec, long ssrc, int sequence, long timestamp, byte[] payload, long arrivalNanos) {
        lane.execute(() -> {
            if (stopped) {
                return;
            }
            Track t = tracks.get(from);
            if (t == null || !t.codec.equals(codec)) {
                if (t != null) {
                    t.close();
                }
                t = new Track(codec, codecs.apply(codec));
                tracks.put(from, t);
            }
            t.buffer.push(ssrc, sequence, timestamp, payload, arrivalNanos);
        });
    }

    @Override
    public boolean tick() {
        if (stopped) {
            return false;
        }
        for (Map.Entry<Side, Track> e : tracks.entrySet()) {
            Track t = e.getValue();
            Playout p = t.buffer.pop();
            if (p.kind() == Playout.Kind.FRAME) {
                write(e.getKey(), t.decoder.decode(p.payload()));
            } else if (p.kind() == Playout.Kind.LOSS && t.decoder instanceof OpusCodec opus) {
                write(e.getKey(), opus.conceal());
            }
        }
        recorder.tick();
        return true;
    }

    private void write(Side side, io.switchboard.media.codec.PcmFrame frame) {
        if (side == Side.A) {
            recorder.writeA(frame);
        } else {
            recorder.writeB(frame);
        }
    }

    public void pause() {
        recorder.pause();
    }

    public void resume() {
        recorder.resume();
    }

    /** Ends the recording (the file gets its final header); later calls return the same result. */
    public RecordingResult stop() {
        if (!stopped) {
            stopped = true;
            tracks.values().forEach(Track::close);
            tracks.clear();
            result = recorder.stop();
        }
        return result;
    }
}
