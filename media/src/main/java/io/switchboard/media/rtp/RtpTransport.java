package io.switchboard.media.rtp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.Socket;
import io.switchboard.core.lane.Lane;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link RtpSession}s: owns the Netty event loops for media (epoll on Linux, NIO elsewhere),
 * the {@link PortAllocator}, and the local address sessions bind to.
 *
 * <p>Opening binds the socket synchronously (one non-blocking system call) and registers it with a
 * media event loop. If the allocated port is taken by another process, the pair is released and the
 * next one tried, up to {@link #MAX_BIND_ATTEMPTS} times.
 */
public final class RtpTransport implements AutoCloseable {
    /** How many ports one {@link #open} tries before giving up. */
    public static final int MAX_BIND_ATTEMPTS = 16;
    private static final Logger log = LoggerFactory.getLogger(RtpTransport.class);

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final PortAllocator ports;
    private final InetAddress bindAddress;

    /**
     * @param bindAddress where sessions listen (127.0.0.1 in tests)
     * @param ports       the RTP port range
     * @param ioThreads   event loop threads for media I/O
     */
    public RtpTransport(InetAddress bindAddress, PortAllocator ports, int ioThreads) {
        this.bindAddress = bindAddress;
        this.ports = ports;
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, io);
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

    /**
     * Binds a new session on a free port pair; its received packets and frames are delivered on
     * {@code lane}. Completes exceptionally when the range is exhausted or no port could be bound.
     */
    public CompletableFuture<RtpSession> open(Lane lane, RtpSessionOptions options) {
        try {
            return CompletableFuture.completedFuture(openOn(lane, options, nextLoop()));
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
     * crosses threads. A port taken by another process is skipped (up to {@link #MAX_BIND_ATTEMPTS}).
     *
     * @throws IOException when the range is exhausted or no port could be bound
     */
    public RtpSession openOn(Lane lane, RtpSessionOptions options, EventLoop loop) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= MAX_BIND_ATTEMPTS; attempt++) {
            OptionalInt port = ports.allocate();
            if (port.isEmpty()) {
                throw new IOException("RTP port range exhausted (" + ports.capacity() + " pairs in use)");
            }
            int rtpPort = port.getAsInt();
            Channel ch;
            try {
                ch = bound(new InetSocketAddress(bindAddress, rtpPort));
            } catch (IOException e) {
                ports.release(rtpPort);
                last = e;
                log.debug("RTP port {} busy ({}), trying another", rtpPort, e.toString());
                continue;
            }
            RtpSession session = new RtpSession(lane, options, rtpPort, ports);
            ch.pipeline().addLast(session.handler());
            ChannelFuture registration = loop.register(ch);
            session.bound(ch, registration);
            registration.addListener(f -> {
                if (!f.isSuccess()) {
                    log.warn("RTP port {}: cannot register with the event loop: {}", rtpPort, f.cause().toString());
                    session.close();
                }
            });
            return session;
        }
        throw new IOException("no free RTP port after " + MAX_BIND_ATTEMPTS + " attempts", last);
    }

    private Channel bound(InetSocketAddress address) throws IOException {
        if (epoll) {
            Socket socket = Socket.newSocketDgram();
            try {
                socket.bind(address);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e instanceof IOException io ? io : new IOException(e);
            }
            return new EpollDatagramChannel(socket.intValue());
        }
        java.nio.channels.DatagramChannel dc = java.nio.channels.DatagramChannel.open();
        try {
            dc.bind(address);
        } catch (IOException e) {
            dc.close();
            throw e;
        }
        return new NioDatagramChannel(dc);
    }

    /** Closes the event loops (sessions should be closed first). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
