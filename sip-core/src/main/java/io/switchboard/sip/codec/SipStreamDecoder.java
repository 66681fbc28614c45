package io.switchboard.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames SIP messages on a stream transport (RFC 3261 §18.3): the header section, then exactly
 * Content-Length bytes of body. Emits {@link Frame}s. A framing error that cannot be recovered
 * (a negative, non-numeric or conflicting Content-Length, an oversized head or body) emits a frame
 * carrying the error, so the request can still be answered with 400, and then closes the connection.
 * CRLF keep-alives (RFC 5626 §3.5.1) between messages are skipped; a double CRLF is answered with a
 * single CRLF.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

    /** One framed message; {@code error} is non-null when the framing was broken. */
    public record Frame(byte[] bytes, String error) { }

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private boolean failed;

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
        int crlf = 0;
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            in.skipBytes(1);
            crlf++;
        }
        if (crlf >= 4) {
            ctx.writeAndFlush(ctx.alloc().buffer(2).writeByte('\r').writeByte('\n'));
        }
        if (!in.isReadable()) {
            return;
        }
        int readable = in.readableBytes();
        int window = Math.min(readable, maxHeaderBytes + 4);
        byte[] head = new byte[window];
        in.getBytes(in.readerIndex(), head);
        Framing.Scan scan = Framing.scan(head, 0, window, maxHeaderBytes);
        if (scan instanceof Framing.NeedMore) {
            return;
        }
        if (scan instanceof Framing.Invalid invalid) {
            fail(ctx, in, out, invalid.reason(), Math.min(invalid.bodyStart(), readable));
            return;
        }
        Framing.Complete c = (Framing.Complete) scan;
        int length = Math.max(0, c.contentLength());
        if (c.contentLength() < 0) {
            // RFC 3261 §18.3: Content-Length is mandatory on streams; treat it as 0 so the peer gets a reply.
            length = 0;
        }
        if (length > maxBodyBytes) {
            fail(ctx, in, out, "Message body too large", c.bodyStart());
            return;
        }
        if (readable < c.bodyStart() + length) {
            return;
        }
        byte[] message = new byte[c.bodyStart() + length];
        in.readBytes(message);
        out.add(new Frame(message, null));
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, String reason, int headLength) {
        byte[] head = new byte[headLength];
        in.getBytes(in.readerIndex(), head);
        in.skipBytes(in.readableBytes());
        failed = true;
        out.add(new Frame(head, reason));
        ctx.channel().eventLoop().execute(() -> ctx.channel().config().setAutoRead(false));
    }
}
