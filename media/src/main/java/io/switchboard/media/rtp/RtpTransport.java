package io.switchboard.media.rtp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.Socket;
import io.switchboard.core.lane.Lane;
import io.switchboard.media.rtcp.RtcpInterval;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link RtpSession}s: owns the Netty event loops for media (epoll on Linux, NIO elsewhere),
 * the {@link PortAllocator}, the local address sessions bind to, and the wall clock RTCP stamps its
 * reports with.
 *
 * <p>Opening binds the RTP socket on an even port and the RTCP socket on the odd port above it (RFC
 * 3550 §11) synchronously (two non-blocking system calls) and registers both with one media event loop.
 * If either port is taken by another process, the pair is released and the next one tried, up to
 * {@link #MAX_BIND_ATTEMPTS} times. The pair returns to the allocator when both sockets are closed.
 */
public final class RtpTransport implements AutoCloseable {
    /** How many port pairs one {@link #open} tries before giving up. */
    public static final int MAX_BIND_ATTEMPTS = 16;
    /** Bytes received per datagram (larger ones are truncated); RTP over UDP stays under the path MTU. */
    static final int RECEIVE_BUFFER = 2048;
    private static final Logger log = LoggerFactory.getLogger(RtpTransport.class);

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final PortAllocator ports;
    private final InetAddress bindAddress;
    private final InstantSource clock;
    private volatile Duration rtcpMinimumInterval = RtcpInterval.MINIMUM;

    /**
     * A transport whose RTCP reports carry the system clock's time.
     *
     * @param bindAddress where sessions listen (127.0.0.1 in tests)
     * @param ports       the RTP port range
     * @param ioThreads   event loop threads for media I/O
     */
    public RtpTransport(InetAddress bindAddress, PortAllocator ports, int ioThreads) {
        this(bindAddress, ports, ioThreads, InstantSource.system(), MediaThreads.DEFAULT_SLICE_US);
    }

    /**
     * A transport whose RTCP reports carry the system clock's time.
     *
     * @param bindAddress where sessions listen (127.0.0.1 in tests)
     * @param ports       the RTP port range
     * @param ioThreads   event loop threads for media I/O
     * @param sliceUs     the scheduler slice the I/O threads request, microseconds; 0 = the kernel's default
     *                    (see {@link MediaThreads})
     */
    public RtpTransport(InetAddress bindAddress, PortAllocator ports, int ioThreads, int sliceUs) {
        this(bindAddress, ports, ioThreads, InstantSource.system(), sliceUs);
    }

    /**
     * @param bindAddress where sessions listen (127.0.0.1 in tests)
     * @param ports       the RTP port range
     * @param ioThreads   event loop threads for media I/O
     * @param clock       the wall clock for RTCP NTP timestamps (RFC 3550 §4)
     */
    public RtpTransport(InetAddress bindAddress, PortAllocator ports, int ioThreads, InstantSource clock) {
        this(bindAddress, ports, ioThreads, clock, MediaThreads.DEFAULT_SLICE_US);
    }

    private RtpTransport(InetAddress bindAddress, PortAllocator ports, int ioThreads, InstantSource clock, int sliceUs) {
        this.bindAddress = bindAddress;
        this.ports = ports;
        this.clock = Objects.requireNonNull(clock, "clock");
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, MediaThreads.factory(sliceUs), io);
        log.info("RTP transport on {}, {} port pairs, {}, {} I/O threads", bindAddress.getHostAddress(),
                ports.capacity(), epoll ? "epoll" : "nio", ioThreads);
    }

    /** True when the native epoll transport is in use. */
    public boolean isEpoll() {
        return epoll;
    }

    /** The port allocator (for metrics and leak checks). */
    public PortAllocator ports() {
        return ports;
    }

    /** Tests only: the minimum RTCP interval of sessions opened from now on (RFC 3550 §6.2 says 5 s). */
    void setRtcpMinimumInterval(Duration minimum) {
        this.rtcpMinimumInterval = minimum;
    }

    /**
     * Binds a new session on a free port pair; its received packets and frames are delivered on
     * {@code lane}. Completes once both sockets are registered with the event loop (the session can send),
     * exceptionally when the range is exhausted or no port could be bound or registered.
     */
    public CompletableFuture<RtpSession> open(Lane lane, RtpSessionOptions options) {
        try {
            return openOn(lane, options, nextLoop()).registered();
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The event loop the next call's sessions should share (round robin). */
    public EventLoop nextLoop() {
        return group.next();
    }

    /**
     * Binds a new session now, on the calling thread, and registers it with {@code loop}: the port is
     * known when this returns, so a B2BUA can put it in SDP without waiting. Binding a UDP socket is one
     * non-blocking system call. Both sessions of a call go on one loop, so relaying between them never
     * crosses threads. A pair with either port taken by another process is skipped (up to
     * {@link #MAX_BIND_ATTEMPTS}).
     *
     * @throws IOException when the range is exhausted or no port pair could be bound
     */
    public RtpSession openOn(Lane lane, RtpSessionOptions options, EventLoop loop) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= MAX_BIND_ATTEMPTS; attempt++) {
            OptionalInt port = ports.allocate();
            if (port.isEmpty()) {
                throw new IOException("RTP port range exhausted (" + ports.capacity() + " pairs in use)");
            }
            int rtpPort = port.getAsInt();
            Channel rtp;
            Channel rtcp;
            try {
                Channel[] pair = bindPair(rtpPort);
                rtp = pair[0];
                rtcp = pair[1];
            } catch (IOException e) {
                ports.release(rtpPort);
                last = e;
                log.debug("RTP port pair {}/{} busy ({}), trying another", rtpPort, rtpPort + 1, e.toString());
                continue;
            }
            RtpSession session = new RtpSession(lane, options, rtpPort, ports, clock, rtcpMinimumInterval);
            rtp.pipeline().addLast(session.handler());
            rtcp.pipeline().addLast(session.rtcpHandler());
            session.bound(rtp, loop.register(rtp), rtcp, loop.register(rtcp));
            return session;
        }
        throw new IOException("no free RTP port pair after " + MAX_BIND_ATTEMPTS + " attempts", last);
    }

    /** Binds RTP on {@code rtpPort} and RTCP on the port above; neither socket stays open on failure. */
    private Channel[] bindPair(int rtpPort) throws IOException {
        if (epoll) {
            Socket rtp = epollSocket(rtpPort);
            Socket rtcp;
            try {
                rtcp = epollSocket(rtpPort + 1);
            } catch (IOException e) {
                closeQuietly(rtp, e);
                throw e;
            }
            return new Channel[] {oneReadPerWakeup(new EpollDatagramChannel(rtp.intValue())),
                    oneReadPerWakeup(new EpollDatagramChannel(rtcp.intValue()))};
        }
        DatagramChannel rtp = nioSocket(rtpPort);
        DatagramChannel rtcp;
        try {
            rtcp = nioSocket(rtpPort + 1);
        } catch (IOException e) {
            closeQuietly(rtp, e);
            throw e;
        }
        return new Channel[] {new NioDatagramChannel(rtp), new NioDatagramChannel(rtcp)};
    }

    /**
     * Level-triggered, one datagram per readiness event. Netty's default (edge-triggered) reads a socket
     * until {@code recvmsg} says {@code EAGAIN}, and a call side gets one packet per 20 ms, so that is a
     * second, empty system call for every packet received. Level-triggered, epoll simply reports the
     * socket again while datagrams are queued on it. Active while open, so that connecting the socket to
     * a latched far end and disconnecting it again (see {@link RtpSession}) never makes it inactive.
     */
    private static EpollDatagramChannel oneReadPerWakeup(EpollDatagramChannel channel) {
        channel.config().setEpollMode(EpollMode.LEVEL_TRIGGERED);
        channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(RECEIVE_BUFFER).maxMessagesPerRead(1));
        channel.config().setOption(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true);
        return channel;
    }

    private Socket epollSocket(int port) throws IOException {
        // An IPv4 bind address gets a plain AF_INET socket: a dual-stack one bound to an IPv4 address can
        // only talk IPv4 anyway, and its every send and receive takes the kernel's IPv6 path first.
        Socket socket = bindAddress instanceof Inet4Address
                ? LinuxSocket.newSocketDgram(SocketProtocolFamily.INET)
                : Socket.newSocketDgram();
        try {
            socket.bind(new InetSocketAddress(bindAddress, port));
        } catch (IOException | RuntimeException e) {
            IOException io = e instanceof IOException i ? i : new IOException(e);
            closeQuietly(socket, io);
            throw io;
        }
        return socket;
    }

    private DatagramChannel nioSocket(int port) throws IOException {
        DatagramChannel dc = DatagramChannel.open();
        try {
            dc.bind(new InetSocketAddress(bindAddress, port));
        } catch (IOException e) {
            closeQuietly(dc, e);
            throw e;
        }
        return dc;
    }

    private static void closeQuietly(Socket socket, IOException cause) {
        closeQuietly(socket::close, cause);
    }

    private static void closeQuietly(AutoCloseable closeable, IOException cause) {
        try {
            closeable.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Closes the event loops (sessions should be closed first). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
