package io.switchboard.customer.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.storage.Vendor;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExtensionStoreTest {

    private static StoredExtension ext(String number, String name, String password, String contact) {
        return new StoredExtension(number, name, Optional.ofNullable(password), Optional.ofNullable(contact), Instant.EPOCH);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void putReplacesAndRemoveForgets(Vendor vendor) {
        try (CustomerStorage s = TestStorage.open(vendor, new FakeClock())) {
            ExtensionStore store = s.extensions();
            store.put(ext("1005", "Front desk", "a-long-secret", null));
            store.put(ext("1999", "Paging", null, "sip:paging@192.0.2.7:5060"));
            store.put(ext("1005", "Front desk 2", "another-secret", null));
            assertThat(store.all()).extracting(StoredExtension::number).containsExactly("1005", "1999");
            assertThat(store.find("1005")).map(StoredExtension::name).contains("Front desk 2");
            assertThat(store.find("1005").flatMap(StoredExtension::password)).contains("another-secret");
            assertThat(store.find("1999").flatMap(StoredExtension::contact)).contains("sip:paging@192.0.2.7:5060");
            assertThat(store.remove("1005")).isTrue();
            assertThat(store.remove("1005")).isFalse();
            assertThat(store.find("1005")).isEmpty();
        }
    }

    @Test
    void badExtensionsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> ext("10a5", "x", "a-long-secret", null)).hasMessageStartingWith("number:");
        assertThatThrownBy(() -> ext("1005", " ", "a-long-secret", null)).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> ext("1005", "x", "short", null)).hasMessageStartingWith("password:");
        assertThatThrownBy(() -> ext("1005", "x", null, "http://x")).hasMessageStartingWith("contact:");
        assertThatThrownBy(() -> ext("1005", "x", null, null)).hasMessageStartingWith("password:");
    }
}
