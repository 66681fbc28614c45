package io.switchboard.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.customer.cdr.Cdr;
import io.switchboard.customer.cdr.CdrLeg;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityType;
import io.switchboard.customer.identity.LinkedIdentity;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.TimelinePage;
import io.switchboard.customer.merge.MergeRecord;
import io.switchboard.customer.token.ApiToken;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin API's JSON shapes (what {@code openapi.json} documents) and its request-body reading. */
final class ApiJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {
    }

    /** The request body as a JSON object; a 400 when it is empty, not JSON, or not an object. */
    static JsonNode body(HttpServer.Request r) {
        if (r.body() == null || r.body().isBlank()) {
            throw new ApiException(400, "a JSON object body is required", Map.of("body", "required"));
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            if (n == null || !n.isObject()) {
                throw new ApiException(400, "the body must be a JSON object", Map.of("body", "must be a JSON object"));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is not JSON: " + e.getOriginalMessage(), Map.of("body", "not JSON"));
        }
    }

    static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw ApiException.badField(field, "required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw ApiException.badField(field, "must be a string");
        }
        return v.asText();
    }

    static long positive(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.badField(field, "required");
        }
        if (!v.canConvertToLong() || v.asLong() <= 0) {
            throw ApiException.badField(field, "must be a positive id");
        }
        return v.asLong();
    }

    /** {@code type:value}, or {@code type:scope:value} for scoped types (WeChat openid, platform buyer). */
    static Identity identity(String field, String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw ApiException.badField(field, "expected type:value, e.g. phone:+8613800138000");
        }
        IdentityType type;
        try {
            type = IdentityType.parse(text.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, e.getMessage());
        }
        String rest = text.substring(colon + 1);
        if (type.scoped()) {
            int c2 = rest.indexOf(':');
            if (c2 <= 0) {
                throw ApiException.badField(field, type.wire() + " needs a scope: " + type.wire() + ":scope:value");
            }
            return new Identity(type, rest.substring(0, c2), rest.substring(c2 + 1), false);
        }
        return Identity.of(type, rest);
    }

    static Map<String, Object> customer(Customer c, List<LinkedIdentity> ids) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.profile().name());
        m.put("language", c.profile().language());
        m.put("vip", c.profile().vipLevel());
        m.put("tags", List.copyOf(c.profile().tags()));
        m.put("customFields", c.profile().customFields());
        m.put("mergedInto", c.mergedInto() == 0 ? null : c.mergedInto());
        m.put("createdAt", time(c.createdAt()));
        m.put("updatedAt", time(c.updatedAt()));
        m.put("identities", ids.stream().map(ApiJson::identity).toList());
        return m;
    }

    static Map<String, Object> identity(LinkedIdentity l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("type", l.identity().type().wire());
        m.put("scope", l.identity().scope());
        m.put("value", l.identity().value());
        m.put("verified", l.identity().verified());
        m.put("rule", l.linkRule());
        m.put("createdAt", time(l.createdAt()));
        return m;
    }

    static Map<String, Object> timeline(TimelinePage page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", page.items().stream().map(ApiJson::interaction).toList());
        m.put("next", page.next().map(c -> c.encode()).orElse(null));
        return m;
    }

    static Map<String, Object> interaction(Interaction i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("customerId", i.customerId());
        m.put("channel", i.channel());
        m.put("kind", i.kind().wire());
        m.put("direction", i.direction().wire());
        m.put("startedAt", time(i.startedAt()));
        m.put("endedAt", time(i.endedAt()));
        m.put("summary", i.summary());
        m.put("agent", i.agentId());
        m.put("queue", i.queue());
        m.put("cdr", i.cdrCallId());
        m.put("tags", i.tags());
        m.put("open", i.open());
        m.put("details", i.details());
        return m;
    }

    static Map<String, Object> merge(MergeRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("source", r.sourceId());
        m.put("target", r.targetId());
        m.put("actor", r.actor());
        m.put("reason", r.reason());
        m.put("rule", r.rule());
        m.put("mergedAt", time(r.mergedAt()));
        m.put("movedIdentities", r.movedIdentities());
        m.put("movedInteractions", r.movedInteractions());
        m.put("unmergedAt", time(r.unmergedAt()));
        m.put("unmergedBy", r.unmergedBy());
        m.put("unmergeReason", r.unmergeReason());
        return m;
    }

    static Map<String, Object> cdr(Cdr c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", c.callId());
        m.put("state", c.state().wire());
        m.put("stage", c.stage().wire());
        m.put("fromRaw", c.fromRaw());
        m.put("fromE164", c.fromE164());
        m.put("toRaw", c.toRaw());
        m.put("toE164", c.toE164());
        m.put("trunk", c.trunk());
        m.put("dnis", c.dnis());
        m.put("setupAt", time(c.setupAt()));
        m.put("ringingAt", time(c.ringingAt()));
        m.put("answerAt", time(c.answerAt()));
        m.put("endAt", time(c.endAt()));
        m.put("billableSeconds", c.billable().toMillis() / 1000.0);
        m.put("sipStatus", c.cause() == null ? null : c.cause().sipStatus());
        m.put("cause", c.cause() == null ? null : c.cause().reason());
        m.put("endedBy", c.endedBy() == null ? null : c.endedBy().wire());
        m.put("ivrPath", c.ivrPath());
        m.put("queue", c.queue());
        m.put("queueWaitMs", c.queueWait() == null ? null : c.queueWait().toMillis());
        m.put("agent", c.agentId());
        m.put("recording", c.recordingPath());
        m.put("tags", c.tags());
        m.put("legs", c.legs().stream().map(ApiJson::leg).toList());
        return m;
    }

    private static Map<String, Object> leg(CdrLeg l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("legId", l.legId());
        m.put("from", l.fromRaw());
        m.put("to", l.toRaw());
        m.put("trunk", l.trunk());
        m.put("startedAt", time(l.startedAt()));
        m.put("answeredAt", time(l.answeredAt()));
        m.put("endedAt", time(l.endedAt()));
        m.put("sipStatus", l.sipStatus());
        return m;
    }

    static Map<String, Object> token(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("role", t.role().wire());
        m.put("label", t.label());
        m.put("createdAt", time(t.createdAt()));
        m.put("revokedAt", time(t.revokedAt()));
        if (t.agent() != null) {
            m.put("agent", t.agent());
        }
        return m;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
