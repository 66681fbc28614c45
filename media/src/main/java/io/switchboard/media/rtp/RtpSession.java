package io.switchboard.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.lane.Lane;
import io.switchboard.media.codec.AudioCodec;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.endpoint.FrameListener;
import io.switchboard.media.endpoint.MediaEndpoint;
import io.switchboard.media.rtcp.RtcpCodec;
import io.switchboard.media.rtcp.RtcpDestination;
import io.switchboard.media.rtcp.RtcpInterval;
import io.switchboard.media.rtcp.RtcpPacket;
import io.switchboard.media.rtcp.RtcpPacketType;
import io.switchboard.media.rtcp.RtcpReporter;
import io.switchboard.media.rtcp.StreamQuality;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTP stream endpoint on our side of a call leg: a UDP socket on an even port for RTP and the next
 * odd one for RTCP (RFC 3550 §11), sending frames encoded with the negotiated codec and delivering
 * received packets and decoded frames on the session's lane. Opened by {@link RtpTransport#open}.
 *
 * <p>RTCP (RFC 3550 §6) runs on the event loop, through an {@link RtcpReporter}: every received RTP
 * packet updates the reception statistics, a per-session timer sends a compound report (SR or RR with
 * SDES CNAME) every 5 s or so, reports from the far end — on the RTCP port or multiplexed on the RTP
 * port (RFC 5761) — give the quality of the stream we send, and {@link #close} says BYE. Reports go to
 * the latched RTCP source under symmetric RTP, else to the address from SDP {@code a=rtcp} (RFC 3605),
 * else to the far end's RTP port + 1. {@link #quality()} is the snapshot.
 *
 * <p>Threading: the sockets are read on a Netty event loop, which only parses, checks the source,
 * counts and does RTCP; everything else runs on the lane. {@link #send}, {@link #sendPacket} and the
 * setters are called on the lane, {@link #sendBuffer} on the lane or the event loop. The far-end
 * addresses are volatile because symmetric-RTP latching sets them from the event loop.
 */
public final class RtpSession implements MediaEndpoint {
    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);

    private final Lane lane;
    private final RtpSessionOptions options;
    private final int localPort;
    private final PortAllocator ports;
    private final RtpCounters counters = new RtpCounters();
    private final RtpSender sender;
    private final RtcpReporter rtcp;
    private final RtcpDestination rtcpDestination;
    private final SplittableRandom rtcpRandom;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final AtomicInteger openSockets = new AtomicInteger(2);
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final CompletableFuture<RtpSession> registered = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile Channel rtcpChannel;
    private volatile ChannelFuture registration;
    private volatile ChannelFuture rtcpRegistration;
    private volatile DatagramForwarder forwarder;
    private volatile InetSocketAddress remote;
    private volatile boolean latched;
    /** The far end the RTP socket is connected to (event loop only); null while it accepts any source. */
    private InetSocketAddress connectedTo;
    private ScheduledFuture<?> reportTimer;
    private AudioCodec codec;
    private int codecPayloadType = -1;
    private FrameListener frameListener;
    private RtpPacketListener packetListener;

    RtpSession(Lane lane, RtpSessionOptions options, int localPort, PortAllocator ports, InstantSource clock,
               Duration rtcpMinimumInterval) {
        this.lane = lane;
        this.options = options;
        this.localPort = localPort;
        this.ports = ports;
        this.sender = new RtpSender(options.random());
        this.rtcpRandom = new SplittableRandom(options.random().nextLong());
        this.rtcpDestination = new RtcpDestination(options.symmetricRtp());
        this.rtcp = new RtcpReporter(sender.ssrc(), cname(options.random()), clock, System::nanoTime,
                new RtcpInterval(rtcpMinimumInterval));
    }

    /** A random CNAME per session (RFC 7022 §4.2: 96 random bits, base64): it says nothing about the host. */
    private static String cname(RandomGenerator random) {
        byte[] bits = new byte[12];
        random.nextBytes(bits);
        return Base64.getEncoder().encodeToString(bits);
    }

    ChannelHandler handler() {
        return new Inbound();
    }

    ChannelHandler rtcpHandler() {
        return new RtcpInbound();
    }

    /** Takes the two sockets; reports start once both are registered with the event loop. */
    void bound(Channel rtp, ChannelFuture rtpRegistration, Channel rtcpCh, ChannelFuture rtcpReg) {
        this.registration = rtpRegistration;
        this.rtcpRegistration = rtcpReg;
        rtp.closeFuture().addListener(f -> socketClosed());
        rtcpCh.closeFuture().addListener(f -> socketClosed());
        this.rtcpChannel = rtcpCh;
        this.channel = rtp;
        whenRegistered(() -> {
            if (!rtp.isRegistered() || !rtcpCh.isRegistered()) {
                if (!closed.get()) {
                    log.warn("RTP port {}: cannot register with the event loop", localPort);
                }
                closed.set(true);
                shutdown();
                registered.completeExceptionally(new IOException("RTP port " + localPort
                        + ": cannot register with the event loop"));
            } else if (closed.get()) {
                shutdown();
                registered.completeExceptionally(new IllegalStateException("closed before registration"));
            } else {
                rtp.eventLoop().execute(this::scheduleReport);
                registered.complete(this);
            }
        });
    }

    /** Completes with this session once both sockets are registered and it can send. */
    CompletableFuture<RtpSession> registered() {
        return registered;
    }

    private void whenRegistered(Runnable task) {
        ChannelFuture rtcpReg = rtcpRegistration;
        registration.addListener(f -> rtcpReg.addListener(g -> task.run()));
    }

    private void socketClosed() {
        if (openSockets.decrementAndGet() == 0) {
            ports.release(localPort);
            closeFuture.complete(null);
        }
    }

    /**
     * Hands every accepted datagram to {@code forwarder} on the event loop instead of decoding it and
     * posting it to the lane: the relay path of a bridge, which must not pay a thread hop per packet.
     * {@code null} restores lane delivery. RTCP is handled by the session either way.
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
     * released and counted when there is no far end yet or the session is closed. Counted for our SR.
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
        if (buf.readableBytes() >= RtpPacket.HEADER_LENGTH) {
            counters.payloadOctetsSent.add(Math.max(0, RtpView.payloadLength(buf)));
            rtcp.onSent(RtpView.timestamp(buf), RtpView.marker(buf));
        }
        if (!sendNow(ch, buf, to)) {
            ch.writeAndFlush(new DatagramPacket(buf, to), ch.voidPromise());
        }
    }

    /**
     * The relay's fast path: on the socket's own event loop, with nothing queued in Netty ahead of it, a
     * datagram goes straight to {@code sendto(2)} on the socket (what Netty's epoll write does in the end),
     * without the pipeline walk, the outbound-buffer entry and the flush per packet. False when the packet
     * must take the normal path: another thread, a write already pending (order), a heap buffer, NIO, or
     * a full socket buffer ({@code EAGAIN}: Netty queues it and waits for writability). A send error other
     * than {@code EAGAIN} drops the packet, as a failed Netty write would, and is counted.
     */
    private boolean sendNow(Channel ch, ByteBuf buf, InetSocketAddress to) {
        if (!(ch instanceof EpollDatagramChannel) || !buf.hasMemoryAddress() || !ch.eventLoop().inEventLoop()) {
            return false;
        }
        ChannelOutboundBuffer pending = ch.unsafe().outboundBuffer();
        if (pending == null || !pending.isEmpty()) {
            return false;
        }
        try {
            Socket socket = (Socket) ((EpollDatagramChannel) ch).fd();
            int sent = to == connectedTo
                    ? socket.writeAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex())
                    : socket.sendToAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex(), to.getAddress(), to.getPort());
            if (sent == 0) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            counters.sendErrors.increment();
            log.debug("port {}: send to {} failed: {}", localPort, to, e.toString());
        }
        buf.release();
        return true;
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
     * Sets a new far-end address and, under symmetric RTP, latches RTP and RTCP again to the next sources
     * (after a re-INVITE moved the far end's media). Completes once the RTP socket accepts packets from
     * any source again (see {@link #isConnected}): at once when it was not connected.
     */
    public CompletableFuture<Void> relatch(InetSocketAddress address) {
        this.remote = address;
        this.latched = false;
        rtcpDestination.unlatch();
        Channel ch = channel;
        if (!(ch instanceof EpollDatagramChannel) || !ch.isRegistered()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> open = new CompletableFuture<>();
        try {
            ch.eventLoop().execute(() -> {
                disconnect((EpollDatagramChannel) ch);
                open.complete(null);
            });
        } catch (RejectedExecutionException e) {
            open.complete(null);
        }
        return open;
    }

    /**
     * True while the RTP socket is connected to the latched far end (epoll, symmetric RTP): the kernel then
     * delivers only that source's datagrams, and sends reuse the socket's cached route.
     */
    public boolean isConnected() {
        Channel ch = channel;
        return ch instanceof EpollDatagramChannel && ((EpollDatagramChannel) ch).isConnected();
    }

    /**
     * Connects the RTP socket to the source it just latched to (event loop). From then on the kernel
     * filters other sources (it answers them with ICMP port unreachable, as for a closed port), receiving
     * is a plain {@code recv} with no source address to build, and sending a plain {@code write} that
     * reuses the socket's route instead of looking it up for every packet. A failure only costs that.
     */
    private void connect(Channel ch, InetSocketAddress source) {
        if (!(ch instanceof EpollDatagramChannel) || ((EpollDatagramChannel) ch).isConnected()) {
            return;
        }
        ch.connect(source).addListener(f -> {
            if (f.isSuccess()) {
                connectedTo = source;
            } else {
                log.debug("port {}: cannot connect to {}: {}", localPort, source, f.cause().toString());
            }
        });
    }

    private void disconnect(EpollDatagramChannel ch) {
        connectedTo = null;
        if (ch.isConnected()) {
            ch.disconnect().addListener(f -> {
                if (!f.isSuccess()) {
                    log.debug("port {}: cannot disconnect: {}", localPort, f.cause().toString());
                }
            });
        }
    }

    /**
     * Sets where RTCP goes when the far end's SDP has {@code a=rtcp} (RFC 3605); {@code null} means the
     * RTP address with port + 1. Under symmetric RTP the source of the far end's RTCP overrides it.
     */
    public void setRemoteRtcp(InetSocketAddress address) {
        rtcpDestination.setFromSdp(address);
    }

    /**
     * The codec frames are encoded with, and the payload type number negotiated for it (which may
     * differ from the codec's default for dynamic types). Received packets with that number are
     * decoded and passed to the frame listener. Also sets the RTCP clock rate from the codec.
     */
    public void setCodec(AudioCodec codec, int payloadTypeNumber) {
        this.codec = codec;
        this.codecPayloadType = payloadTypeNumber;
        rtcp.setClockRate(codec.payloadType().clockRate());
    }

    /** True when frames are already encoded as {@code type} under number {@code payloadTypeNumber} (no new codec needed). */
    public boolean encodesAs(io.switchboard.media.codec.PayloadType type, int payloadTypeNumber) {
        AudioCodec c = codec;
        return c != null && codecPayloadType == payloadTypeNumber && c.payloadType().sameCodecAs(type);
    }

    /**
     * The RTP clock rate of the negotiated codec (Hz; 8000 until set), which RTCP needs for jitter and
     * for the SR timestamp (RFC 3550 §6.4.1). Relays that do not call {@link #setCodec} set it here.
     */
    public void setClockRate(int hz) {
        rtcp.setClockRate(hz);
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

    /**
     * The quality of both directions as of the last RTCP packet sent or received (RFC 3550 §6.4); any
     * thread.
     */
    public StreamQuality quality() {
        return rtcp.quality();
    }

    /** Our SDES CNAME (RFC 3550 §6.5.1). */
    public String cname() {
        return rtcp.cname();
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

    /** Completes when both sockets are closed and the port pair released. */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /** Sends an RTCP BYE (if we ever sent anything, RFC 3550 §6.3.7), then closes both sockets. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && channel != null) {
            whenRegistered(this::shutdown);
        }
    }

    private void shutdown() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        Channel rtp = channel;
        if (rtp.isRegistered() && rtcpChannel.isRegistered()) {
            try {
                rtp.eventLoop().execute(this::sayByeAndClose);
                return;
            } catch (RejectedExecutionException e) {
                log.debug("port {}: event loop gone, closing without BYE", localPort);
            }
        }
        closeSockets();
    }

    private void sayByeAndClose() {
        if (reportTimer != null) {
            reportTimer.cancel(false);
        }
        if (counters.packetsSent() > 0 || counters.rtcpSent() > 0) {
            ChannelFuture sent = sendReport(true);
            if (sent != null) {
                sent.addListener(f -> closeSockets());
                return;
            }
        }
        closeSockets();
    }

    private void closeSockets() {
        channel.close();
        rtcpChannel.close();
    }

    private void scheduleReport() {
        if (!closed.get()) {
            reportTimer = channel.eventLoop().schedule(this::reportDue, rtcp.nextIntervalNanos(rtcpRandom), TimeUnit.NANOSECONDS);
        }
    }

    private void reportDue() {
        if (closed.get()) {
            return;
        }
        sendReport(false);
        scheduleReport();
    }

    /** Sends our compound report (event loop); null when there is nowhere to send it. */
    private ChannelFuture sendReport(boolean bye) {
        RtcpDestination.Target to = rtcpDestination.resolve(remote);
        if (to == null) {
            return null;
        }
        Channel via = to.viaRtpPort() ? channel : rtcpChannel;
        List<RtcpPacket> compound = rtcp.report(counters.packetsSent(), counters.payloadOctetsSent(), bye);
        ByteBuf buf = via.alloc().buffer(RtcpCodec.encodedLength(compound));
        RtcpCodec.encode(compound, buf);
        counters.rtcpSent.increment();
        return via.writeAndFlush(new DatagramPacket(buf, to.address()));
    }

    /** A compound RTCP packet from {@code source}, on the RTCP port or multiplexed on the RTP port (event loop). */
    private void receiveRtcp(ByteBuf content, InetSocketAddress source, boolean muxed) {
        if (!rtcpDestination.accepts(source)) {
            counters.rtcpWrongSource.increment();
            return;
        }
        DecodeResult<List<RtcpPacket>> result = rtcp.onRtcp(content);
        if (!result.isSuccess()) {
            counters.rtcpMalformed.increment();
            log.debug("port {}: dropped RTCP from {}: {}", muxed ? localPort : localPort + 1, source, result);
            return;
        }
        counters.rtcpReceived.increment();
        if (rtcpDestination.onValidPacket(source, muxed)) {
            log.debug("port {}: RTCP latched to {}{}", localPort + 1, source, muxed ? " (multiplexed)" : "");
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
            if (content.readableBytes() >= 2
                    && RtcpPacketType.isMultiplexed(content.getUnsignedByte(content.readerIndex() + 1))) {
                receiveRtcp(content, source, true);
                return;
            }
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
                    connect(ctx.channel(), source);
                } else if (!source.equals(remote)) {
                    counters.wrongSource.increment();
                    return;
                }
            }
            counters.packetsReceived.increment();
            counters.bytesReceived.add(content.readableBytes());
            if (f != null) {
                rtcp.onRtp(RtpView.ssrc(content), RtpView.sequence(content), RtpView.timestamp(content));
                f.onDatagram(content);
                return;
            }
            rtcp.onRtp(packet.ssrc(), packet.sequenceNumber(), packet.timestamp());
            RtpPacket p = packet;
            lane.execute(() -> deliver(p, source));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("port {}: socket error {}", localPort, cause.toString());
        }
    }

    private final class RtcpInbound extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            receiveRtcp(msg.content(), msg.sender(), false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("port {}: socket error {}", localPort + 1, cause.toString());
        }
    }
}
