package io.switchboard.media.rtp;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media event loop threads, which ask Linux for a short scheduler slice.
 *
 * <p>Why: a media loop sleeps in {@code epoll_wait} and wakes for every packet. When it wakes on a core
 * where another ordinary thread is running (another media loop, a compiler thread, another process), the
 * EEVDF scheduler (Linux 6.6 and later) lets that thread finish its slice first, which is milliseconds, and
 * every packet that loop relays is late by as much ({@code perf sched timehist} under
 * {@code bench/media-calls.sh} showed such waits of 0.5-4 ms). Since Linux
 * 6.12 a thread may request a shorter slice ({@code sched_setattr} with {@code sched_runtime} under
 * {@code SCHED_OTHER}, no privilege needed); a woken thread with a shorter slice than the running one
 * preempts it. The media loops request {@code media.schedSliceUs} (default {@value #DEFAULT_SLICE_US} us),
 * which changes only when they run, not how much: the scheduler still shares the CPU fairly. Measured on
 * 2 cores at 300 calls (two runs each, a noisy machine): p99 added jitter 0.37-4.5 ms with it, 1.7-6.1 ms
 * without. It does not help against every wait: with the benchmark's idle-priority spinners, loops still
 * waited about 1 ms at light load. This is the
 * unprivileged cousin of what Asterisk ({@code -p}) and FreeSWITCH ({@code -rp}) do with real-time
 * priority.
 *
 * <p>Elsewhere (an older kernel, another OS, no JNA) the request fails once, is logged, and the threads
 * run with the default slice.
 */
public final class MediaThreads {
    /** The slice media loops request by default, microseconds (the kernel accepts 100 to 100 000). */
    public static final int DEFAULT_SLICE_US = 100;
    private static final Logger log = LoggerFactory.getLogger(MediaThreads.class);
    private static final AtomicBoolean reported = new AtomicBoolean();

    private MediaThreads() {
    }

    /**
     * Daemon threads named {@code media-N} for Netty's event loops ({@code FastThreadLocalThread}s), each
     * requesting a scheduler slice of {@code sliceUs} microseconds when it starts; 0 leaves the default.
     */
    public static ThreadFactory factory(int sliceUs) {
        return new DefaultThreadFactory("media", true) {
            @Override
            protected Thread newThread(Runnable r, String name) {
                return super.newThread(() -> {
                    if (sliceUs > 0) {
                        requestSlice(sliceUs);
                    }
                    r.run();
                }, name);
            }
        };
    }

    /** Asks for a scheduler slice of {@code sliceUs} for the calling thread; true when the kernel took it. */
    static boolean requestSlice(int sliceUs) {
        String failure;
        try {
            long number = syscallNumber();
            if (number < 0) {
                failure = "no sched_setattr on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
            } else {
                // struct sched_attr (include/uapi/linux/sched/types.h), version 1: 56 bytes
                Memory attr = new Memory(56);
                attr.clear();
                attr.setInt(0, 56);                        // size
                attr.setInt(4, 0);                         // sched_policy: SCHED_OTHER
                attr.setLong(8, 0);                        // sched_flags
                attr.setInt(16, 0);                        // sched_nice
                attr.setInt(20, 0);                        // sched_priority
                attr.setLong(24, sliceUs * 1000L);         // sched_runtime: the slice, ns
                int rc = Libc.INSTANCE.syscall(number, 0L, attr, 0L);
                if (rc == 0) {
                    if (reported.compareAndSet(false, true)) {
                        log.debug("media threads run with a {} us scheduler slice", sliceUs);
                    }
                    return true;
                }
                failure = "sched_setattr failed, errno " + Native.getLastError();
            }
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
        }
        if (reported.compareAndSet(false, true)) {
            log.info("media threads keep the default scheduler slice ({}); latency under load may be higher", failure);
        }
        return false;
    }

    private static long syscallNumber() {
        if (!Platform.isLinux()) {
            return -1;
        }
        if (Platform.isIntel() && Platform.is64Bit()) {
            return 314;
        }
        if (Platform.isARM() && Platform.is64Bit()) {
            return 274;
        }
        return -1;
    }

    private interface Libc extends Library {
        Libc INSTANCE = Native.load("c", Libc.class);

        int syscall(long number, Object... args);
    }
}
