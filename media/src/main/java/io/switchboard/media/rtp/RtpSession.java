package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.switchboard.core.lane.Lane;
import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.endpoint.FrameListener;
import io.switchboard.media.endpoint.MediaEndpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTP stream endpoint on our side of a call leg: a UDP socket on an even port (RFC 3550 §11),
 * sending frames encoded with the negotiated codec and delivering received packets and decoded frames
 * on the session's lane. Opened by {@link RtpTransport#open}.
 *
 * <p>Threading: the socket is read on a Netty event loop, which only parses, checks the source and
 * counts; everything else runs on the lane. {@link #send}, {@link #sendPacket} and the setters are
 * called on the lane. The far-end address is volatile because symmetric-RTP latching sets it from
 * the event loop.
 *
 * <p>RTCP (the odd port of the pair) is reserved but not yet served.
 */
public final class RtpSession implements MediaEndpoint {
    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);

    private final Lane lane;
    private final RtpSessionOptions options;
    private final int localPort;
    private final PortAllocator ports;
    private final RtpCounters counters = new RtpCounters();
    private final RtpSender sender;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile ChannelFuture registration;
    private volatile DatagramForwarder forwarder;
    private volatile InetSocketAddress remote;
    private volatile boolean latched;
    private AudioCodec codec;
    private int codecPayloadType = -1;
    private FrameListener frameListener;
    private RtpPacketListener packetListener;

    RtpSession(Lane lane, RtpSessionOptions options, int localPort, PortAllocator ports) {
        this.lane = lane;
        this.options = options;
        this.localPort = localPort;
        this.ports = ports;
        this.sender = new RtpSender(options.random());
    }

    ChannelHandler handler() {
        return new Inbound();
    }

    void bound(Channel ch, ChannelFuture registration) {
        this.registration = registration;
        ch.closeFuture().addListener(f -> {
            ports.release(localPort);
            closeFuture.complete(null);
        });
        this.channel = ch;
        if (closed.get()) {
            registration.addListener(f -> ch.close());
        }
    }

    /**
     * Hands every accepted datagram to {@code forwarder} on the event loop instead of decoding it and
     * posting it to the lane: the relay path of a bridge, which must not pay a thread hop per packet.
     * {@code null} restores lane delivery.
     */
    public void setForwarder(DatagramForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /** The event loop that reads this session's socket (null until bound). */
    public EventLoop eventLoop() {
        Channel ch = channel;
        return ch != null && ch.isRegistered() ? ch.eventLoop() : null;
    }

    /**
     * Sends a ready RTP datagram (ownership of {@code buf} passes here) to the far end; dropped,
     * released and counted when there is no far end yet or the session is closed.
     */
    public void sendBuffer(ByteBuf buf) {
        InetSocketAddress to = remote;
        Channel ch = channel;
        if (to == null || ch == null || closed.get() || !ch.isRegistered()) {
            buf.release();
            counters.sendWithoutRemote.increment();
            return;
        }
        counters.packetsSent.increment();
        counters.bytesSent.add(buf.readableBytes());
        ch.writeAndFlush(new DatagramPacket(buf, to), ch.voidPromise());
    }

    /** Our RTP port (the RTCP port is this + 1). */
    public int localPort() {
        return localPort;
    }

    /** The local socket address, for the SDP {@code c=}/{@code m=} lines (unless an advertise address is set). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Where packets go: the address from SDP, or the latched source under symmetric RTP. */
    public InetSocketAddress remote() {
        return remote;
    }

    /** True once symmetric RTP has latched to a source. */
    public boolean isLatched() {
        return latched;
    }

    /** Sets the far end's RTP address from SDP. Under symmetric RTP a later latch overrides it. */
    public void setRemote(InetSocketAddress address) {
        this.remote = address;
    }

    /**
     * Sets a new far-end address and, under symmetric RTP, latches again to the next source (after a
     * re-INVITE moved the far end's media).
     */
    public void relatch(InetSocketAddress address) {
        this.remote = address;
        this.latched = false;
    }

    /**
     * The codec frames are encoded with, and the payload type number negotiated for it (which may
     * differ from the codec's default for dynamic types). Received packets with that number are
     * decoded and passed to the frame listener.
     */
    public void setCodec(AudioCodec codec, int payloadTypeNumber) {
        this.codec = codec;
        this.codecPayloadType = payloadTypeNumber;
    }

    /** Receives every accepted packet, on the lane, before frame decoding. */
    public void setPacketListener(RtpPacketListener listener) {
        this.packetListener = listener;
    }

    @Override
    public void setFrameListener(FrameListener listener) {
        this.frameListener = listener;
    }

    /** The stream state of what we send (SSRC, sequence, timestamp). */
    public RtpSender sender() {
        return sender;
    }

    public RtpCounters counters() {
        return counters;
    }

    /** Encodes {@code frame} with the current codec and sends it; needs a codec and a known remote. */
    @Override
    public void send(PcmFrame frame) {
        AudioCodec c = codec;
        if (c == null) {
            throw new IllegalStateException("no codec negotiated yet");
        }
        if (remote == null) {
            counters.sendWithoutRemote.increment();
            return;
        }
        sendPacket(sender.nextFrame(codecPayloadType, c.encode(frame), c.timestampIncrement()));
    }

    /** Sends a ready-made packet to the far end (relay, telephone events); dropped and counted without a remote. */
    public void sendPacket(RtpPacket packet) {
        Channel ch = channel;
        if (ch == null) {
            counters.sendWithoutRemote.increment();
            return;
        }
        ByteBuf buf = ch.alloc().buffer(packet.encodedLength());
        RtpCodec.encode(packet, buf);
        sendBuffer(buf);
    }

    /** Completes when the socket is closed and the port pair released. */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Channel ch = channel;
            ChannelFuture reg = registration;
            if (ch != null && reg != null) {
                reg.addListener(f -> ch.close());
            }
        }
    }

    private void deliver(RtpPacket packet, InetSocketAddress source) {
        RtpPacketListener pl = packetListener;
        if (pl != null) {
            pl.onPacket(packet, source);
        }
        FrameListener fl = frameListener;
        AudioCodec c = codec;
        if (fl != null && c != null && packet.payloadType() == codecPayloadType) {
            fl.onFrame(c.decode(packet.payloadUnsafe()));
        }
    }

    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            InetSocketAddress source = msg.sender();
            ByteBuf content = msg.content();
            DatagramForwarder f = forwarder;
            RtpPacket packet = null;
            if (f != null) {
                String problem = RtpView.check(content);
                if (problem != null) {
                    counters.malformed.increment();
                    log.debug("port {}: dropped datagram from {}: {}", localPort, source, problem);
                    return;
                }
            } else {
                DecodeResult<RtpPacket> result = RtpCodec.decode(content);
                if (!result.isSuccess()) {
                    counters.malformed.increment();
                    log.debug("port {}: dropped datagram from {}: {}", localPort, source, result);
                    return;
                }
                packet = result.value();
            }
            if (options.symmetricRtp()) {
                if (!latched) {
                    remote = source;
                    latched = true;
                    log.debug("port {}: latched to {}", localPort, source);
                } else if (!source.equals(remote)) {
                    counters.wrongSource.increment();
                    return;
                }
            }
            counters.packetsReceived.increment();
            counters.bytesReceived.add(content.readableBytes());
            if (f != null) {
                f.onDatagram(content);
                return;
            }
            RtpPacket p = packet;
            lane.execute(() -> deliver(p, source));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("port {}: socket error {}", localPort, cause.toString());
        }
    }
}
