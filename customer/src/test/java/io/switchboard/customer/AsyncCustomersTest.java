package io.switchboard.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.InvalidIdentityException;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.interaction.Direction;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.InteractionKind;
import io.switchboard.customer.merge.MergeConflictException;
import io.switchboard.customer.storage.StorageExecutor;
import io.switchboard.customer.storage.Vendor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The facade runs storage work on storage threads and reports domain errors as typed failures of the future. */
class AsyncCustomersTest {

    @Test
    void worksOffTheCallersThreadAndKeepsErrorsTyped() throws Exception {
        FakeClock clock = new FakeClock();
        try (CustomerStorage s = TestStorage.open(Vendor.H2, clock)) {
            AsyncCustomers a = s.async();
            Customer c = a.findOrCreateByIdentity(Identity.phone("13800138000"), Profile.named("Li Lei")).get(30, TimeUnit.SECONDS);
            a.append(Interaction.builder(c.id(), "voice", InteractionKind.AGENT, Direction.INBOUND, clock.instant()).agent("amy").build())
                    .get(30, TimeUnit.SECONDS);
            assertThat(a.lastAgent(c.id(), "voice", Duration.ofDays(1)).get(30, TimeUnit.SECONDS)).contains("amy");
            assertThat(a.timeline(c.id(), null, 10).get(30, TimeUnit.SECONDS).items()).hasSize(1);
            assertThatThrownBy(() -> a.findByIdentity(Identity.phone("nonsense")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidIdentityException.class);
            assertThatThrownBy(() -> a.merge(c.id(), c.id(), "amy", "oops").get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(MergeConflictException.SelfMerge.class);
        }
    }

    @Test
    void theExecutorIsBoundedAndRunsOnStorageThreads() throws Exception {
        try (StorageExecutor ex = new StorageExecutor(1, 1)) {
            assertThat(ex.submit(() -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS)).startsWith("storage-");
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<Boolean> blocker = ex.submit(() -> {
                running.countDown();
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> queued = ex.submit(() -> 1);
            assertThatThrownBy(() -> ex.submit(() -> 2).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StorageExecutor.StorageBusyException.class);
            release.countDown();
            assertThat(blocker.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }
}
