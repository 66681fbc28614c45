package io.switchboard.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames SIP messages on a stream transport (RFC 3261 §18.3): the header section, then exactly
 * Content-Length bytes of body. Emits {@link Frame}s. A framing error that cannot be recovered
 * (a negative, non-numeric or conflicting Content-Length, an oversized head or body; RFC 4475
 * §3.1.2.3, §3.3.9) emits a frame carrying the error, so the request can still be answered with 400,
 * then stops reading: the connection is unusable and the handler closes it. A Content-Length past the
 * bytes received (RFC 4475 §3.1.2.2) just waits for more; the idle timer closes a silent peer.
 * CRLFs between messages are skipped (§7.5); each double CRLF is a keep-alive ping answered with a
 * single CRLF pong (RFC 5626 §3.5.1). The header search resumes where it stopped, so a message
 * trickling in byte by byte costs linear time.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

    /** One framed message; {@code error} is non-null when the framing was broken. */
    public record Frame(byte[] bytes, String error) { }

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private boolean failed;
    /** Consecutive CR/LF octets seen between messages, across reads. */
    private int crlfRun;
    /** How far (from the reader index) the search for the end of the header section has got. */
    private int searched;

    public SipStreamDecoder(int maxHeaderBytes, int maxBodyBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (searched == 0) {
            skipKeepAlives(ctx, in);
        }
        if (!in.isReadable()) {
            return;
        }
        int readable = in.readableBytes();
        int headLength = headerEnd(in, searched, readable);
        if (headLength < 0) {
            searched = readable;
            if (readable > maxHeaderBytes) {
                fail(ctx, in, out, "Header section too large", Math.min(readable, maxHeaderBytes));
            }
            return;
        }
        byte[] head = new byte[headLength];
        in.getBytes(in.readerIndex(), head);
        Framing.Scan scan = Framing.scan(head, 0, headLength, maxHeaderBytes);
        if (scan instanceof Framing.Invalid invalid) {
            fail(ctx, in, out, invalid.reason(), headLength);
            return;
        }
        Framing.Complete c = (Framing.Complete) scan;
        // RFC 3261 §18.3: Content-Length is mandatory on streams; without it the body is taken as empty.
        int length = Math.max(0, c.contentLength());
        if (length > maxBodyBytes) {
            fail(ctx, in, out, "Message body too large", headLength);
            return;
        }
        if (readable < headLength + length) {
            return;
        }
        byte[] message = new byte[headLength + length];
        in.readBytes(message);
        searched = 0;
        out.add(new Frame(message, null));
    }

    private void skipKeepAlives(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != '\r' && b != '\n') {
                crlfRun = 0;
                return;
            }
            in.skipBytes(1);
            if (++crlfRun == 4) {
                crlfRun = 0;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'}));
            }
        }
    }

    /** Length of the head up to and including the empty line (CRLFCRLF or LFLF), or -1. */
    private static int headerEnd(ByteBuf in, int from, int to) {
        int base = in.readerIndex();
        for (int i = Math.max(0, from - 2); i < to - 1; i++) {
            if (in.getByte(base + i) == '\n') {
                byte next = in.getByte(base + i + 1);
                if (next == '\n') {
                    return i + 2;
                }
                if (next == '\r' && i + 2 < to && in.getByte(base + i + 2) == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, String reason, int headLength) {
        byte[] head = new byte[headLength];
        in.getBytes(in.readerIndex(), head);
        in.skipBytes(in.readableBytes());
        failed = true;
        out.add(new Frame(head, reason));
        ctx.channel().config().setAutoRead(false);
    }
}
