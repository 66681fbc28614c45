package io.switchboard.customer.merge;

import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.identity.Customer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/** The whole identity graph as comparable values: who owns each identity and interaction, every profile and merge pointer. */
record GraphSnapshot(Map<Long, Long> identityOwners, Map<Long, Long> interactionOwners, Map<Long, String> customers) {

    static GraphSnapshot of(CustomerStorage s) {
        Map<Long, Long> identities = owners(s, "SELECT id, customer_id FROM identities");
        Map<Long, Long> interactions = owners(s, "SELECT id, customer_id FROM interactions");
        Map<Long, String> customers = new TreeMap<>();
        for (long id : owners(s, "SELECT id, id FROM customers").keySet()) {
            Customer c = s.customers().require(id);
            customers.put(id, c.profile() + " merged_into=" + c.mergedInto());
        }
        return new GraphSnapshot(identities, interactions, customers);
    }

    private static Map<Long, Long> owners(CustomerStorage s, String sql) {
        return s.database().inTransaction(c -> {
            Map<Long, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return out;
        });
    }
}
