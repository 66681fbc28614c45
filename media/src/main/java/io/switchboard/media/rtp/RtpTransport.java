package io.switchboard.media.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.switchboard.core.lane.Lane;
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
 * <p>Opening is asynchronous (a bind must not block a lane). If the allocated port is taken by another
 * process, the pair is released and the next one tried, up to {@link #MAX_BIND_ATTEMPTS} times.
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
        CompletableFuture<RtpSession> result = new CompletableFuture<>();
        tryBind(lane, options, result, 1);
        return result;
    }

    private void tryBind(Lane lane, RtpSessionOptions options, CompletableFuture<RtpSession> result, int attempt) {
        OptionalInt port = ports.allocate();
        if (port.isEmpty()) {
            result.completeExceptionally(new IllegalStateException("RTP port range exhausted"));
            return;
        }
        int rtpPort = port.getAsInt();
        RtpSession session = new RtpSession(lane, options, rtpPort, ports);
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(session.handler());
        ChannelFuture bind = b.bind(new InetSocketAddress(bindAddress, rtpPort));
        bind.addListener(f -> {
            if (f.isSuccess()) {
                session.bound(bind.channel());
                result.complete(session);
            } else {
                ports.release(rtpPort);
                if (attempt >= MAX_BIND_ATTEMPTS) {
                    result.completeExceptionally(f.cause());
                } else {
                    log.debug("RTP port {} busy ({}), trying another", rtpPort, f.cause().toString());
                    tryBind(lane, options, result, attempt + 1);
                }
            }
        });
    }

    /** Closes the event loops (sessions should be closed first). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
