package io.switchboard.app.e2e;

import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.Codecs;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.codec.PcmFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The media side of a test caller: a UDP socket on 127.0.0.1 whose port goes into the caller's SDP. It
 * keeps every PCMU frame the switch sends (to measure the prompts' loudness) and can speak 8 kHz PCM
 * back as paced PCMU RTP to wherever the switch sends from (symmetric RTP).
 */
final class RtpPeer implements AutoCloseable {
    /** The RMS level counted as speech by {@link #loudFramesAfter}. */
    static final double LOUD = 300;
    private final DatagramSocket socket;
    private final Thread receiver;
    private final List<Double> frameRms = new CopyOnWriteArrayList<>();
    private final List<Long> loudAt = new CopyOnWriteArrayList<>();
    private volatile InetSocketAddress switchAddress;
    private volatile boolean closed;

    RtpPeer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(200);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        receiver = new Thread(this::receive, "rtp-peer-" + port());
        receiver.setDaemon(true);
        receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Frames received so far whose RMS level is at least {@code rms} (speech is well above 300; silence is ~0). */
    long loudFrames(double rms) {
        return frameRms.stream().filter(r -> r >= rms).count();
    }

    /** Frames at least {@link #LOUD} RMS that arrived between two {@link System#nanoTime()} readings. */
    long loudFramesBetween(long fromNanos, long toNanos) {
        return loudAt.stream().filter(t -> t > fromNanos && t < toNanos).count();
    }

    long frames() {
        return frameRms.size();
    }

    /** Sends {@code pcm} (8 kHz mono) as 20 ms PCMU packets in real time, then a second of silence. */
    void speak(short[] pcm) {
        InetSocketAddress to = switchAddress;
        if (to == null) {
            throw new IllegalStateException("the switch has sent no RTP yet: nowhere to speak to");
        }
        AudioCodec pcmu = Codecs.forPayloadType(PayloadType.PCMU);
        int frames = pcm.length / PcmFrame.SAMPLES + 50;
        long start = System.nanoTime();
        int seq = 1000;
        long ts = 160_000;
        for (int i = 0; i < frames; i++) {
            short[] f = new short[PcmFrame.SAMPLES];
            int from = i * PcmFrame.SAMPLES;
            if (from < pcm.length) {
                System.arraycopy(pcm, from, f, 0, Math.min(f.length, pcm.length - from));
            }
            byte[] payload = pcmu.encode(PcmFrame.of(f));
            byte[] packet = new byte[12 + payload.length];
            packet[0] = (byte) 0x80;
            packet[1] = (byte) (i == 0 ? 0x80 : 0x00);
            packet[2] = (byte) (seq >> 8);
            packet[3] = (byte) seq;
            packet[4] = (byte) (ts >> 24);
            packet[5] = (byte) (ts >> 16);
            packet[6] = (byte) (ts >> 8);
            packet[7] = (byte) ts;
            packet[8] = 0x12;
            packet[9] = 0x34;
            packet[10] = 0x56;
            packet[11] = 0x78;
            System.arraycopy(payload, 0, packet, 12, payload.length);
            try {
                socket.send(new DatagramPacket(packet, packet.length, to));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            seq++;
            ts += PcmFrame.SAMPLES;
            LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
        }
    }

    private void receive() {
        AudioCodec pcmu = Codecs.forPayloadType(PayloadType.PCMU);
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            if (p.getLength() < 12 || (buf[0] & 0xC0) != 0x80) {
                continue;
            }
            switchAddress = (InetSocketAddress) p.getSocketAddress();
            int pt = buf[1] & 0x7F;
            int offset = 12 + 4 * (buf[0] & 0x0F);
            if (pt != 0 || p.getLength() - offset != PcmFrame.SAMPLES) {
                continue;
            }
            byte[] payload = new byte[PcmFrame.SAMPLES];
            System.arraycopy(buf, offset, payload, 0, payload.length);
            short[] s = pcmu.decode(payload).samples();
            double sum = 0;
            for (short v : s) {
                sum += (double) v * v;
            }
            double rms = Math.sqrt(sum / s.length);
            frameRms.add(rms);
            if (rms >= LOUD) {
                loudAt.add(System.nanoTime());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
