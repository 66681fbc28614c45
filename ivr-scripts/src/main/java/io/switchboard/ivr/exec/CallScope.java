package io.switchboard.ivr.exec;

import io.switchboard.ivr.expr.Scope;
import io.switchboard.ivr.expr.Values;
import io.switchboard.ivr.port.SessionInfo;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A call's variables: those the flows set, plus the built-ins — {@code caller}, {@code dnis},
 * {@code channel}, {@code call_id}, {@code language}, {@code input}, {@code error}, and the computed
 * {@code flow} (the running flow's name) and {@code time} (now, in the running flow's time zone).
 */
final class CallScope implements Scope {
    private final Map<String, Object> vars = new HashMap<>();
    private final Supplier<java.time.Instant> clock;
    private Supplier<ZoneId> zone = () -> java.time.ZoneOffset.UTC;
    private Supplier<String> flow = () -> "";

    CallScope(SessionInfo info, String language, Supplier<java.time.Instant> clock) {
        this.clock = clock;
        set("caller", info.caller());
        set("dnis", info.dnis());
        set("channel", info.channel());
        set("call_id", info.callId());
        set("language", language);
    }

    void follow(Supplier<String> flowName, Supplier<ZoneId> flowZone) {
        this.flow = flowName;
        this.zone = flowZone;
    }

    void set(String name, Object value) {
        vars.put(name, Values.toCel(value));
    }

    void setIfAbsent(String name, Object value) {
        vars.putIfAbsent(name, Values.toCel(value));
    }

    @Override
    public Object lookup(String name) {
        return switch (name) {
            case "time" -> time();
            case "flow" -> flow.get();
            default -> vars.get(name);
        };
    }

    private Map<String, Object> time() {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.get(), zone.get());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("hour", (long) now.getHour());
        t.put("minute", (long) now.getMinute());
        t.put("weekday", (long) now.getDayOfWeek().getValue());
        t.put("date", now.format(DateTimeFormatter.ISO_LOCAL_DATE));
        t.put("time", now.format(DateTimeFormatter.ofPattern("HH:mm")));
        return t;
    }
}
