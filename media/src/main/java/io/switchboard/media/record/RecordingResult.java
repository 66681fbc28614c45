package io.switchboard.media.record;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished recording, as the call's history stores it.
 *
 * @param path     the WAV file
 * @param duration audio handed to the writer (paused time included, frames dropped by a full queue
 *                 not): the length the file will have once the writer has caught up
 */
public record RecordingResult(Path path, Duration duration) {
}
