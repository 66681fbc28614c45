package io.switchboard.media.codec;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomp2p.opuswrapper.Opus;

/**
 * The two calls a transcoding bridge makes fifty times a second per stream, {@code opus_encode} and
 * {@code opus_decode}, bound with JNA direct mapping ({@link Native#register}) to the same libopus the
 * interface mapping ({@link Opus}) loaded. An interface call goes through a proxy, reflection and argument
 * conversion (a {@code byte[]} is copied into fresh native memory each time); a direct call passes the
 * pointers of buffers that stay allocated for the stream. Everything else (create, ctl, destroy) stays on
 * the interface mapping: it happens once per stream.
 *
 * <p>When the binding fails (another JNA, a library without the symbols), {@link #available()} is false
 * and the codec keeps using the interface mapping.
 */
final class OpusDirect {
    private static final Logger log = LoggerFactory.getLogger(OpusDirect.class);
    private static final boolean AVAILABLE = bind();

    private OpusDirect() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    static native int opus_encode(Pointer st, Pointer pcm, int frameSize, Pointer data, int maxDataBytes);

    static native int opus_decode(Pointer st, Pointer data, int len, Pointer pcm, int frameSize, int decodeFec);

    private static boolean bind() {
        try {
            Opus opus = OpusNative.library();
            NativeLibrary lib = ((Library.Handler) Proxy.getInvocationHandler(opus)).getNativeLibrary();
            Native.register(OpusDirect.class, lib);
            return true;
        } catch (RuntimeException | LinkageError e) {
            log.warn("Opus: direct JNA binding unavailable ({}); transcoding uses the slower interface mapping", e.toString());
            return false;
        }
    }
}
