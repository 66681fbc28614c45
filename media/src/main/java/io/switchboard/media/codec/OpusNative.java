package io.switchboard.media.codec;

import club.minnced.opus.util.OpusLibrary;
import com.sun.jna.Native;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomp2p.opuswrapper.Opus;

/**
 * libopus, loaded once on first use (JNA): by default the copy bundled in the {@code opus-java-natives} jar
 * (libopus 1.1.2); with {@code -Dswitchboard.opus=system} the system's {@code libopus.so.0} when there is
 * one.
 *
 * <p>Why the system library is not the default although it is newer and faster: Debian 12's 1.3.1 encodes
 * a 20 ms narrowband frame about 15 % faster and decodes about 20 % faster (measured here with the same C
 * loop against both), but in the baresip end-to-end test (a G.711 caller's 1 kHz tone transcoded to an Opus
 * callee) the tone reached the callee 1.8 dB quieter than with the bundled copy (-20.2 against -18.4 dBFS
 * for -15 sent), fading over the first second; the cause is not found yet. Only one libopus may be in
 * the process: espeak-ng's dependencies bring the system one, and a bundled copy loaded beside it had its
 * internal calls bound to the other copy's symbols (undecodable Opus), hence loading before espeak-ng.
 *
 * <p>Why a holder class: the loading must happen exactly once, and only when a call really uses Opus.
 * The JVM's class initialisation gives that ordering and thread safety without locks; a G.711-only
 * switch never touches the native library.
 */
final class OpusNative {
    private static final Logger log = LoggerFactory.getLogger(OpusNative.class);
    /** The system library's run-time name (its soname since libopus 1.0). */
    private static final String SYSTEM_LIBRARY = "libopus.so.0";

    private OpusNative() {
    }

    /** The bound library; loads it on the first call. Throws {@link IllegalStateException} when it cannot. */
    static Opus library() {
        return Holder.OPUS;
    }

    /** What was loaded, e.g. {@code libopus 1.3.1 (system)}. */
    static String description() {
        return Holder.DESCRIPTION;
    }

    private static final class Holder {
        static final Opus OPUS;
        static final String DESCRIPTION;

        static {
            String choice = System.getProperty("switchboard.opus", "bundled");
            if (!choice.equals("system") && !choice.equals("bundled")) {
                log.warn("Opus: -Dswitchboard.opus={} is neither 'system' nor 'bundled'; using the bundled copy", choice);
            }
            Opus system = choice.equals("system") ? system() : null;
            if (system != null) {
                OPUS = system;
                DESCRIPTION = system.opus_get_version_string() + " (system)";
            } else {
                OPUS = bundled();
                DESCRIPTION = OPUS.opus_get_version_string() + " (bundled)";
            }
        }

        private static Opus system() {
            try {
                Opus opus = Native.load(SYSTEM_LIBRARY, Opus.class);
                String version = opus.opus_get_version_string();
                if (version == null || !version.startsWith("libopus 1.")) {
                    log.info("Opus: {} says it is '{}'; using the bundled copy", SYSTEM_LIBRARY, version);
                    return null;
                }
                return opus;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                log.debug("Opus: no system {} ({}); using the bundled copy", SYSTEM_LIBRARY, e.toString());
                return null;
            }
        }

        private static Opus bundled() {
            if (!OpusLibrary.isSupportedPlatform()) {
                throw new IllegalStateException("no system " + SYSTEM_LIBRARY + " and no bundled libopus for this platform; supported: "
                        + OpusLibrary.getSupportedPlatforms());
            }
            try {
                OpusLibrary.loadFromJar();
            } catch (IOException e) {
                throw new IllegalStateException("cannot extract libopus from opus-java-natives", e);
            }
            return Native.load(System.getProperty("opus.lib"), Opus.class);
        }
    }
}
