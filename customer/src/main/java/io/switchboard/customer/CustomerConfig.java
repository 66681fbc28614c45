package io.switchboard.customer;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigKey;
import io.switchboard.customer.identity.IdentityNormalizer;
import io.switchboard.customer.storage.StorageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed configuration of the customer module: its storage ({@link StorageConfig}) plus the region used to
 * read national phone numbers ({@code customer.phoneRegion}, CN by default: our carriers send 11-digit
 * mobiles and 400/95 numbers without a country code) and the storage executor's queue bound.
 */
public record CustomerConfig(StorageConfig storage, String phoneRegion, int storageQueue) {

    public static final ConfigKey<String> PHONE_REGION = ConfigKey.string("customer.phoneRegion", "CN",
            "ISO 3166 region national phone numbers are read in when normalising to E.164");
    public static final ConfigKey<Integer> STORAGE_QUEUE = ConfigKey.integer("storage.queue", 10000, 1, 1_000_000,
            "storage operations that may wait for a database connection before new ones are refused");

    public static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(StorageConfig.keys());
        keys.add(PHONE_REGION);
        keys.add(STORAGE_QUEUE);
        return keys;
    }

    public static CustomerConfig from(Config c) {
        String region = c.get(PHONE_REGION);
        try {
            new IdentityNormalizer(region);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("customer.phoneRegion: " + e.getMessage());
        }
        return new CustomerConfig(StorageConfig.from(c), region, c.get(STORAGE_QUEUE));
    }

    /** Defaults with the given storage, for tests and tools. */
    public static CustomerConfig of(StorageConfig storage) {
        return new CustomerConfig(storage, "CN", 10000);
    }
}
