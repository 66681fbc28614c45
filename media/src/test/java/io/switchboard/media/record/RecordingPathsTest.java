package io.switchboard.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class RecordingPathsTest {
    private final Path data = Path.of("/var/lib/switchboard");

    @Test
    void recordingsAreFiledByUtcDate() {
        RecordingWriter writer = new RecordingWriter(data,
                InstantSource.fixed(Instant.parse("2024-01-01T07:30:00+08:00")), 10);

        assertThat(writer.open("abc").path()).isEqualTo(Path.of("/var/lib/switchboard/recordings/2023/12/31/abc.wav"));
    }

    @Test
    void callIdsAreMadeSafeForTheFileSystemWithoutCollisions() {
        assertThat(RecordingPaths.fileName("a84b4c76e66710@pc33.atlanta.com")).isEqualTo("a84b4c76e66710@pc33.atlanta.com");
        assertThat(RecordingPaths.fileName("../../etc/passwd")).isEqualTo("%2E.%2F..%2Fetc%2Fpasswd");
        assertThat(RecordingPaths.fileName("a/b")).isNotEqualTo(RecordingPaths.fileName("a:b"));
        assertThat(RecordingPaths.fileName("呼叫")).isEqualTo("%E5%91%BC%E5%8F%AB");
        assertThat(RecordingPaths.fileName("a b*c")).isEqualTo("a%20b%2Ac");
    }

    @Test
    void overlongCallIdsAreCutAndKeepAHashOfTheWhole() {
        String a = "x".repeat(300) + "a";
        String b = "x".repeat(300) + "b";

        assertThat(RecordingPaths.fileName(a)).hasSize(177).startsWith("x".repeat(160) + "~");
        assertThat(RecordingPaths.fileName(a)).isNotEqualTo(RecordingPaths.fileName(b));
        assertThatThrownBy(() -> RecordingPaths.fileName("")).isInstanceOf(IllegalArgumentException.class);
    }
}
