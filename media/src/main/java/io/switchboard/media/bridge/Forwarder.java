package io.switchboard.media.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.dtmf.GoertzelDtmfDetector;
import io.switchboard.media.dtmf.Rfc4733Receiver;
import io.switchboard.media.rtp.DatagramForwarder;
import io.switchboard.media.rtp.RtpPacket;
import io.switchboard.media.rtp.RtpSession;
import io.switchboard.media.rtp.RtpView;
import java.util.concurrent.atomic.LongAdder;

/**
 * Relays one direction of a bridge (packets from leg {@code from} to the other leg) on the event loop that
 * reads {@code from}'s socket. Passthrough rewrites the header in place and sends the same buffer;
 * transcoding decodes, re-encodes and sends a new packet; telephone-event packets are relayed with the
 * payload type (and, across clocks, the timestamps and duration) mapped. DTMF is detected on the way,
 * both as RFC 4733 events and, where the route says so, as tones in the audio.
 *
 * <p>Everything mutable here is confined to that event loop; {@link #route} and {@link #tap} are
 * swapped by the lane.
 */
final class Forwarder implements DatagramForwarder {
    private final Side from;
    private final RtpSession out;
    private final StreamMapper mapper;
    private final Rfc4733Receiver events;
    private final GoertzelDtmfDetector tones;
    final LongAdder dropped = new LongAdder();
    final LongAdder transcoded = new LongAdder();
    volatile Route route;
    volatile PacketTap tap;

    Forwarder(Side from, RtpSession out, DtmfSink sink) {
        this.from = from;
        this.out = out;
        this.mapper = new StreamMapper(out.sender().ssrc(), out.sender().nextSequence(), out.sender().timestamp());
        this.events = new Rfc4733Receiver(p -> sink.detected(from, p.digit(), "rfc4733"));
        this.tones = new GoertzelDtmfDetector(p -> sink.detected(from, p.digit(), "inband"));
    }

    /** Where detected digits go (the bridge posts them to the lane). */
    interface DtmfSink {
        void detected(Side from, io.switchboard.media.dtmf.DtmfDigit digit, String method);
    }

    @Override
    public void onDatagram(ByteBuf buf) {
        Route r = route;
        if (r == null) {
            dropped.increment();
            return;
        }
        int pt = RtpView.payloadType(buf);
        if (pt == r.inAudio) {
            audio(r, buf);
        } else if (pt == r.inEvent) {
            event(r, buf);
        } else {
            // comfort noise (13) and anything not negotiated: the other leg never agreed to it
            dropped.increment();
        }
    }

    private void audio(Route r, ByteBuf buf) {
        PcmFrame frame = null;
        PacketTap t = tap;
        byte[] payload = r.decoder != null || t != null ? payload(buf) : null;
        if (t != null) {
            t.onPacket(from, r.inCodec, RtpView.ssrc(buf), RtpView.sequence(buf), RtpView.timestamp(buf), payload, System.nanoTime());
        }
        if (r.decoder != null) {
            frame = r.decoder.decode(payload);
            if (r.inband) {
                tones.process(frame);
            }
        }
        if (!r.relay) {
            return;
        }
        mapper.map(RtpView.ssrc(buf), RtpView.sequence(buf), RtpView.timestamp(buf), RtpView.marker(buf), r.inClock, r.outClock,
                r.outFrameUnits);
        if (r.encoder == null) {
            buf.retain();
            RtpView.rewrite(buf, mapper.marker(), r.outAudio, mapper.seq(), mapper.ts(), mapper.ssrc());
            out.sendBuffer(buf);
            return;
        }
        byte[] encoded = r.encoder.encode(frame);
        ByteBuf o = ByteBufAllocator.DEFAULT.buffer(RtpPacket.HEADER_LENGTH + encoded.length);
        RtpView.writeHeader(o, mapper.marker(), r.outAudio, mapper.seq(), mapper.ts(), mapper.ssrc());
        o.writeBytes(encoded);
        transcoded.increment();
        out.sendBuffer(o);
    }

    private void event(Route r, ByteBuf buf) {
        byte[] payload = payload(buf);
        events.receive(RtpView.ssrc(buf), RtpView.timestamp(buf), payload);
        if (!r.relay || r.outEvent < 0) {
            dropped.increment();
            return;
        }
        mapper.map(RtpView.ssrc(buf), RtpView.sequence(buf), RtpView.timestamp(buf), RtpView.marker(buf), r.inEventClock,
                r.outEventClock, r.outFrameUnits);
        if (r.inEventClock == r.outEventClock) {
            buf.retain();
            RtpView.rewrite(buf, mapper.marker(), r.outEvent, mapper.seq(), mapper.ts(), mapper.ssrc());
            out.sendBuffer(buf);
            return;
        }
        if (payload.length >= 4) {
            // RFC 4733 §2.3.5: the duration is in timestamp units of the stream's clock
            long duration = ((payload[2] & 0xFFL) << 8 | (payload[3] & 0xFFL)) * r.outEventClock / r.inEventClock;
            duration = Math.min(duration, 0xFFFF);
            payload[2] = (byte) (duration >> 8);
            payload[3] = (byte) duration;
        }
        ByteBuf o = ByteBufAllocator.DEFAULT.buffer(RtpPacket.HEADER_LENGTH + payload.length);
        RtpView.writeHeader(o, mapper.marker(), r.outEvent, mapper.seq(), mapper.ts(), mapper.ssrc());
        o.writeBytes(payload);
        out.sendBuffer(o);
    }

    private static byte[] payload(ByteBuf buf) {
        int offset = RtpView.payloadOffset(buf);
        byte[] p = new byte[RtpView.payloadLength(buf)];
        buf.getBytes(buf.readerIndex() + offset, p);
        return p;
    }

    /** Relayed packets follow on after what the lane sent on the outgoing stream (see {@link StreamMapper#continueFrom}). */
    void continueFrom(int nextSeq, long nextTs) {
        mapper.continueFrom(nextSeq, nextTs);
    }

    /** Reports a telephone event whose end packets never came (the stream stopped). */
    void flushEvents() {
        events.flush();
    }
}
