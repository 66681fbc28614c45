package io.switchboard.media.record;

import io.switchboard.media.wav.WavRepair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery of the recordings directory after an unclean shut-down: every WAV file gets a
 * header that counts all the audio that reached the disk ({@link WavRepair}). One file that cannot
 * be repaired is logged and skipped, so it cannot keep the switch from starting.
 */
final class RecordingRepair {
    private static final Logger log = LoggerFactory.getLogger(RecordingRepair.class);

    private RecordingRepair() {
    }

    static List<Path> repairTree(Path dir) throws IOException {
        List<Path> repaired = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return repaired;
        }
        List<Path> wavs;
        try (Stream<Path> files = Files.walk(dir)) {
            wavs = files.filter(p -> p.toString().endsWith(".wav") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path wav : wavs) {
            try {
                if (WavRepair.repair(wav)) {
                    repaired.add(wav);
                    log.info("recording repaired after an unclean shut-down: {}", wav);
                }
            } catch (IOException e) {
                log.warn("recording left as is, cannot repair: {}", e.getMessage());
            }
        }
        return repaired;
    }
}
