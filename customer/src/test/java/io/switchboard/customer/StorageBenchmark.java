package io.switchboard.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.interaction.Direction;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.InteractionKind;
import io.switchboard.customer.storage.StorageConfig;
import io.switchboard.customer.storage.Vendor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * bench/storage.sh: identity lookups/s and interaction inserts/s on the embedded H2 file database and on
 * the throw-away PostgreSQL cluster (fsync off: a lower bound on a real server's write cost), with as many
 * client threads as pooled connections. Runs only with {@code -Dstorage.bench=true}; results go to
 * {@code target/storage-bench.txt}.
 */
class StorageBenchmark {
    private static final Path OUT = Path.of("target", "storage-bench.txt");

    @Test
    void lookupsAndInserts() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("storage.bench"), "run with -Dstorage.bench=true (bench/storage.sh)");
        int customers = Integer.getInteger("storage.bench.customers", 20_000);
        int seconds = Integer.getInteger("storage.bench.seconds", 5);
        int threads = Integer.getInteger("storage.bench.threads", 4);
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, "");
        for (Vendor v : Vendor.values()) {
            Path dir = Files.createTempDirectory(Path.of("target"), "bench-");
            StorageConfig cfg = TestStorage.config(v, threads, dir);
            try (CustomerStorage s = CustomerStorage.open(CustomerConfig.of(cfg), dir, InstantSource.system())) {
                long t0 = System.nanoTime();
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < customers; i++) {
                    ids.add(s.identities().findOrCreateByIdentity(Identity.phone(phone(i))).id());
                }
                line(v.name().toLowerCase() + ": seeded " + customers + " customers in " + ms(t0) + " ms");
                double lookups = run(threads, seconds, k -> assertThat(s.identities().findByIdentity(
                        Identity.phone(phone(ThreadLocalRandom.current().nextInt(customers))))).isPresent());
                line(v.name().toLowerCase() + ": identity lookups " + Math.round(lookups) + "/s (" + threads + " threads, " + seconds + " s)");
                double inserts = run(threads, seconds, k -> s.interactions().append(Interaction.builder(
                        ids.get(ThreadLocalRandom.current().nextInt(customers)), "voice", InteractionKind.CALL, Direction.INBOUND,
                        Instant.now()).summary("bench call").agent("agent" + k).build()));
                line(v.name().toLowerCase() + ": interaction inserts " + Math.round(inserts) + "/s");
                line("storage_bench_result vendor=" + v.name().toLowerCase() + " lookups_per_s=" + Math.round(lookups)
                        + " inserts_per_s=" + Math.round(inserts));
            }
        }
    }

    private static String phone(int i) {
        return "+86138" + String.format("%08d", i);
    }

    private static double run(int threads, int seconds, IntConsumer op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int k = t;
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    op.accept(k);
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void line(String s) throws IOException {
        System.out.println(s);
        Files.writeString(OUT, s + "\n", StandardOpenOption.APPEND);
    }
}
