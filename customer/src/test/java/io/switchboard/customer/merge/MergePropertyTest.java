package io.switchboard.customer.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityType;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.interaction.Direction;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.InteractionKind;
import io.switchboard.customer.storage.Vendor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random graphs (seeded, reproducible): after any sequence of merges, undoing them all — in random order,
 * where a merge that cannot yet be undone exactly is refused as stale and retried later — gives back the
 * identical graph: identity and interaction owners, profiles, merge pointers.
 */
class MergePropertyTest {
    private static final String[] NAMES = {"", "Li Lei", "Han Meimei", "Wang Fang"};
    private static final String[] TAGS = {"vip", "billing", "complaint", "wx"};

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void mergeThenUnmergeRestoresTheGraph(Vendor vendor) {
        for (long seed = 1; seed <= 4; seed++) {
            FakeClock clock = new FakeClock();
            try (CustomerStorage s = TestStorage.open(vendor, clock)) {
                Random r = new Random(seed);
                List<Long> customers = build(s, r, clock);
                GraphSnapshot before = GraphSnapshot.of(s);
                List<MergeRecord> standing = new ArrayList<>();
                for (int k = 0; k < 2 + r.nextInt(6); k++) {
                    List<Long> live = customers.stream().filter(id -> !s.customers().require(id).merged()).toList();
                    if (live.size() < 2) {
                        break;
                    }
                    long source = live.get(r.nextInt(live.size()));
                    long target = live.get(r.nextInt(live.size()));
                    if (source != target) {
                        standing.add(s.merges().merge(source, target, "prop", "seed " + seed));
                    }
                }
                assertThat(GraphSnapshot.of(s)).isNotEqualTo(before);
                for (int guard = 0; !standing.isEmpty() && guard < 1000; guard++) {
                    MergeRecord m = standing.get(r.nextInt(standing.size()));
                    try {
                        s.merges().unmerge(m.id(), "prop", "undo");
                        standing.remove(m);
                    } catch (MergeConflictException.StaleAudit stale) {
                        assertThat(stale).hasMessageContaining("first");
                    }
                }
                assertThat(standing).as("seed %d: every merge undone", seed).isEmpty();
                assertThat(GraphSnapshot.of(s)).as("seed %d", seed).isEqualTo(before);
            }
        }
    }

    private static List<Long> build(CustomerStorage s, Random r, FakeClock clock) {
        List<Long> ids = new ArrayList<>();
        int device = 0;
        for (int i = 0; i < 6 + r.nextInt(5); i++) {
            Set<String> tags = new HashSet<>();
            for (String t : TAGS) {
                if (r.nextInt(3) == 0) {
                    tags.add(t);
                }
            }
            Map<String, String> fields = r.nextBoolean() ? Map.of("k" + r.nextInt(3), "v" + i) : Map.of();
            Profile p = new Profile(NAMES[r.nextInt(NAMES.length)], r.nextBoolean() ? "zh-CN" : "", r.nextInt(4), tags, fields);
            Customer c = s.identities().findOrCreateByIdentity(Identity.of(IdentityType.DEVICE, "dev" + device++), p);
            ids.add(c.id());
            for (int k = r.nextInt(3); k > 0; k--) {
                s.identities().link(c.id(), Identity.of(IdentityType.WEBCHAT_VISITOR, "v" + device++));
            }
            for (int k = r.nextInt(4); k > 0; k--) {
                s.interactions().append(Interaction.builder(c.id(), r.nextBoolean() ? "voice" : "wechat", InteractionKind.MESSAGE,
                        Direction.INBOUND, clock.advance(Duration.ofSeconds(1 + r.nextInt(100)))).build());
            }
        }
        return ids;
    }
}
