package io.switchboard.media.record;

import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread's side of one recording: samples staged during a batch, the open file, and when
 * its header was last brought up to date. Touched only by the writer thread (the lane only holds it
 * as a handle to put in commands).
 *
 * <p>The file is opened on the first flush, so a call that is hung up before its first tick costs no
 * file. It is opened in append mode: a call recorded twice on one day (record, stop, record again)
 * continues the same file, so one Call-ID has one recording per day and nothing is overwritten.
 */
final class RecordingFile {
    static final int CHANNELS = 2;
    /** Audio between periodic header updates: at most this much is uncounted after a crash. */
    static final long HEADER_UPDATE_BYTES = (long) PcmFrame.SAMPLE_RATE * CHANNELS * 2;
    private static final Logger log = LoggerFactory.getLogger(RecordingFile.class);

    final Path path;
    private WavWriter wav;
    private short[] staged = new short[16 * CHANNELS * PcmFrame.SAMPLES];
    private int stagedSamples;
    private long headerAt;
    private boolean failed;

    RecordingFile(Path path) {
        this.path = path;
    }

    /** Keeps one interleaved stereo frame for the next {@link #flush}. */
    void stage(short[] stereo) {
        if (stagedSamples + stereo.length > staged.length) {
            staged = Arrays.copyOf(staged, 2 * staged.length);
        }
        System.arraycopy(stereo, 0, staged, stagedSamples, stereo.length);
        stagedSamples += stereo.length;
    }

    /** Appends the staged samples to the file, updating the header once a second of audio has passed. */
    void flush(RecordingCounters counters) {
        if (failed) {
            stagedSamples = 0;
            return;
        }
        try {
            ensureOpen();
            wav.write(staged, 0, stagedSamples);
            counters.framesWritten.add(stagedSamples / (CHANNELS * PcmFrame.SAMPLES));
            if (wav.dataBytes() - headerAt >= HEADER_UPDATE_BYTES) {
                wav.updateHeader();
                headerAt = wav.dataBytes();
            }
        } catch (IOException e) {
            fail(e, counters);
        } finally {
            stagedSamples = 0;
        }
    }

    /** Flushes, writes the final header and closes the file. */
    void finish(RecordingCounters counters) {
        flush(counters);
        if (failed) {
            return;
        }
        try {
            ensureOpen();
            wav.close();
            counters.recordingsFinished.increment();
            log.info("recording finished: {} ({} bytes of audio)", path, wav.dataBytes());
        } catch (IOException e) {
            fail(e, counters);
        }
    }

    private void ensureOpen() throws IOException {
        if (wav == null) {
            Files.createDirectories(path.getParent());
            wav = WavWriter.append(path, PcmFrame.SAMPLE_RATE, CHANNELS);
            headerAt = wav.dataBytes();
        }
    }

    private void fail(IOException e, RecordingCounters counters) {
        failed = true;
        counters.writeErrors.increment();
        log.warn("recording abandoned: {}: {}", path, e.toString());
        if (wav != null) {
            try {
                wav.close();
            } catch (IOException ignored) {
                // the first error is the one reported; the file is as complete as the disk allowed
            }
        }
    }
}
