package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MediaThreadsTest {
    private static final Path SCHED = Path.of("/proc/thread-self/sched");

    /** The calling thread's EEVDF slice in ns, from procfs (Linux 6.6+); empty elsewhere. */
    private static Optional<Long> slice() throws IOException {
        if (!Files.isReadable(SCHED)) {
            return Optional.empty();
        }
        return Files.readAllLines(SCHED).stream().filter(l -> l.startsWith("se.slice"))
                .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst();
    }

    @Test
    void mediaThreadsRunWithTheRequestedSliceWhereTheKernelHasThem() throws Exception {
        CompletableFuture<Object[]> seen = new CompletableFuture<>();
        Thread t = MediaThreads.factory(250).newThread(() -> {
            try {
                seen.complete(new Object[] {Thread.currentThread().getName(), slice()});
            } catch (IOException e) {
                seen.completeExceptionally(e);
            }
        });
        assertThat(t.isDaemon()).isTrue();
        t.start();
        Object[] got = seen.get(5, TimeUnit.SECONDS);
        assertThat((String) got[0]).startsWith("media-");
        @SuppressWarnings("unchecked")
        Optional<Long> slice = (Optional<Long>) got[1];
        // the same request on a plain thread says whether this kernel takes it
        CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        Thread probe = new Thread(() -> accepted.complete(MediaThreads.requestSlice(250)));
        probe.start();
        if (accepted.get(5, TimeUnit.SECONDS)) {
            assertThat(slice).contains(250_000L);
        } else {
            assertThat(slice).isNotEqualTo(Optional.of(250_000L));
        }
    }
}
