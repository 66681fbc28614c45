package io.switchboard.media.record;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes every call recording to disk, so lanes never do file I/O
 * (ARCHITECTURE.md: nothing blocks a lane).
 *
 * <p>Lanes hand it commands through a queue: audio frames are bounded ({@code queueFrames}); when the
 * disk falls behind, the frame is dropped and counted and the lane goes on. A finish command is never
 * refused (there is one per recording), so every recording gets its final header. The thread takes
 * whatever is queued in one batch, stages each recording's frames, then appends them to the file with
 * one write per recording and batch.
 *
 * <p>Never lost: a recording's header sizes are rewritten at least every second of audio, so a
 * process that dies leaves a playable WAV missing at most that last second; {@link #repair} (run at
 * start-up, before {@link #start}) makes those headers count everything that reached the disk.
 *
 * <p>Lifecycle: the owner (the composition root) calls {@link #start} once and {@link #stop} at
 * shut-down, which finishes every open recording.
 */
public final class RecordingWriter {
    private static final Logger log = LoggerFactory.getLogger(RecordingWriter.class);
    private static final int MAX_BATCH = 4096;

    private final Path recordingsDir;
    private final InstantSource clock;
    private final int queueFrames;
    private final LinkedBlockingQueue<WriterCommand> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final RecordingCounters counters = new RecordingCounters();
    private final Set<RecordingFile> open = new LinkedHashSet<>();
    private final Set<Path> recording = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private Thread thread;

    /**
     * @param dataDir     runtime data directory; recordings go under {@code dataDir/recordings}
     * @param clock       dates the directory of each recording (UTC)
     * @param queueFrames frames (20 ms stereo, 640 bytes each) that may wait for the disk, over all calls
     */
    public RecordingWriter(Path dataDir, InstantSource clock, int queueFrames) {
        if (queueFrames <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive: " + queueFrames);
        }
        this.recordingsDir = dataDir.resolve("recordings");
        this.clock = clock;
        this.queueFrames = queueFrames;
    }

    /**
     * Fixes the header of every WAV file under {@code dir} whose sizes do not match its length (files
     * left by a process that died while recording); returns the files changed. Run at start-up,
     * before {@link #start}; a file that is not a WAV is logged and left alone.
     */
    public static List<Path> repair(Path dir) throws IOException {
        return RecordingRepair.repairTree(dir);
    }

    /** {@code dataDir/recordings}, the directory {@link #repair} is run on at start-up. */
    public Path recordingsDir() {
        return recordingsDir;
    }

    public RecordingCounters counters() {
        return counters;
    }

    /** Frames waiting for the writer thread now. */
    public int queuedFrames() {
        return queuedFrames.get();
    }

    /** True between {@link #start} and the end of {@link #stop}. */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /**
     * Starts the writer thread (a daemon: a process that exits without {@link #stop} leaves files
     * that {@link #repair} completes, rather than hanging on a thread waiting for frames).
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the recording writer was already started");
        }
        thread = new Thread(this::run, "recording-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Writes what is queued, finishes every open recording and ends the thread; later frames are
     * dropped. Returns false when that took longer than {@code grace} (the thread is then interrupted
     * and finishes the files it has open without waiting for the rest of the queue).
     */
    public boolean stop(Duration grace) throws InterruptedException {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = thread;
        }
        if (t == null) {
            return true;
        }
        queue.add(new WriterCommand.Stop());
        t.join(grace.toMillis());
        if (!t.isAlive()) {
            return true;
        }
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(1));
        return false;
    }

    /**
     * A recorder for one call, filed under today's date (UTC). Called on the call's lane; no I/O.
     *
     * @throws IllegalStateException when this call is being recorded already (two writers would
     *                               interleave their frames in one file)
     */
    public CallRecorder open(String callId) {
        Path path = RecordingPaths.pathFor(recordingsDir, clock.instant(), callId);
        if (!recording.add(path)) {
            throw new IllegalStateException("call " + callId + " is already being recorded to " + path);
        }
        return new CallRecorder(this, new RecordingFile(path));
    }

    /** Queues one stereo frame unless the queue is full or the writer stopped; never blocks. */
    boolean submit(RecordingFile file, short[] stereo) {
        if (stopped) {
            counters.framesDropped.increment();
            return false;
        }
        if (queuedFrames.incrementAndGet() > queueFrames) {
            queuedFrames.decrementAndGet();
            counters.framesDropped.increment();
            return false;
        }
        queue.add(new WriterCommand.Append(file, stereo));
        counters.framesQueued.increment();
        return true;
    }

    /**
     * Queues the end of a recording (never refused while running). The call may be recorded again
     * at once: its finish is ahead of the new recording's frames in the queue.
     */
    void finish(RecordingFile file) {
        recording.remove(file.path);
        if (!stopped) {
            queue.add(new WriterCommand.Finish(file));
        }
    }

    private void run() {
        List<WriterCommand> batch = new ArrayList<>();
        Set<RecordingFile> dirty = new LinkedHashSet<>();
        boolean running = true;
        try {
            while (running) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH);
                for (WriterCommand c : batch) {
                    running &= apply(c, dirty);
                }
                batch.clear();
                for (RecordingFile f : dirty) {
                    f.flush(counters);
                }
                dirty.clear();
            }
        } catch (InterruptedException e) {
            log.warn("recording writer interrupted with {} frames queued; finishing open recordings",
                    queuedFrames.get());
        } finally {
            for (RecordingFile f : open) {
                f.finish(counters);
            }
            open.clear();
        }
    }

    /** Applies one command; false for {@link WriterCommand.Stop}. */
    private boolean apply(WriterCommand c, Set<RecordingFile> dirty) {
        if (c instanceof WriterCommand.Append a) {
            queuedFrames.decrementAndGet();
            open.add(a.file());
            a.file().stage(a.stereo());
            dirty.add(a.file());
        } else if (c instanceof WriterCommand.Finish f) {
            dirty.remove(f.file());
            open.remove(f.file());
            f.file().finish(counters);
        }
        return !(c instanceof WriterCommand.Stop);
    }
}
