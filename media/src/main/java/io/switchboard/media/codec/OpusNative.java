package io.switchboard.media.codec;

import club.minnced.opus.util.OpusLibrary;
import java.io.IOException;
import tomp2p.opuswrapper.Opus;

/**
 * libopus, loaded once on first use from the {@code opus-java-natives} jar (JNA).
 *
 * <p>Why a holder class: {@link Opus#INSTANCE} binds to whatever {@code OpusLibrary} extracted, so the
 * extraction must happen first, exactly once, and only when a call really uses Opus. The JVM's class
 * initialisation gives that ordering and thread safety without locks; a G.711-only switch never touches
 * the native library.
 */
final class OpusNative {
    private OpusNative() {
    }

    /** The bound library; loads it on the first call. Throws {@link IllegalStateException} when it cannot. */
    static Opus library() {
        return Holder.OPUS;
    }

    private static final class Holder {
        static final Opus OPUS = load();

        private static Opus load() {
            if (!OpusLibrary.isSupportedPlatform()) {
                throw new IllegalStateException("no bundled libopus for this platform; supported: "
                        + OpusLibrary.getSupportedPlatforms());
            }
            try {
                OpusLibrary.loadFromJar();
            } catch (IOException e) {
                throw new IllegalStateException("cannot extract libopus from opus-java-natives", e);
            }
            return Opus.INSTANCE;
        }
    }
}
