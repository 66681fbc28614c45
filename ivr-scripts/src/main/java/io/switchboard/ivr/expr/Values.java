package io.switchboard.ivr.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values flows work with, in the form CEL expects: text ({@code String}), whole numbers
 * ({@code Long}), decimals ({@code Double}), {@code Boolean}, lists, maps with text keys, and
 * {@link NullValue} for "nothing". Values from YAML, JSON and Java are normalised on the way in.
 */
public final class Values {
    private Values() {
    }

    /** {@code value} converted to an expression value (recursively for lists and maps). */
    public static Object toCel(Object value) {
        if (value == null || value instanceof NullValue) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof JsonNode json) {
            return fromJson(json);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toCel(v)));
            return out;
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        return value;
    }

    /** A parsed JSON document as an expression value. */
    public static Object fromJson(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (json.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = json.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), fromJson(e.getValue()));
            }
            return out;
        }
        if (json.isArray()) {
            List<Object> out = new ArrayList<>();
            json.forEach(j -> out.add(fromJson(j)));
            return out;
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return json.longValue();
        }
        if (json.isNumber()) {
            return json.doubleValue();
        }
        return json.asText();
    }

    /** A value as text in a prompt or a message: nothing is empty, 3.0 is "3", lists and maps as JSON. */
    public static String text(Object value) {
        if (value == null || value instanceof NullValue) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            StringBuilder sb = new StringBuilder();
            json(value, sb);
            return sb.toString();
        }
        return String.valueOf(value);
    }

    /** True when {@code value} is nothing. */
    public static boolean isNull(Object value) {
        return value == null || value instanceof NullValue;
    }

    /** Plain Java form (NullValue → null), for JSON bodies and for callers outside the engine. */
    public static Object toJava(Object value) {
        if (isNull(value)) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toJava(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(toJava(v)));
            return out;
        }
        return value;
    }

    private static void json(Object value, StringBuilder sb) {
        if (isNull(value)) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                quote(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                json(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                json(list.get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof String s) {
            quote(s, sb);
        } else {
            sb.append(text(value));
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }
}
