package io.switchboard.routing.dialplan;

import io.switchboard.core.config.ConfigException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opening hours for inbound routing: weekly time ranges in a time zone, minus holidays. A dialplan rule
 * with {@code schedule: office} applies only while the schedule is open, so an operator writes the
 * office-hours rule first and the after-hours rule (voicemail extension, or {@code hangup: 480}) after it.
 *
 * <pre>
 * schedules:
 *   office:
 *     timezone: Asia/Shanghai
 *     hours: ["mon-fri 09:00-18:00", "sat 09:00-12:00"]
 *     holidays: ["2026-10-01", "2026-10-02"]     # closed all day
 * </pre>
 * A range ending at {@code 24:00} runs to midnight; a range may not cross midnight (write two).
 */
public final class Schedule {
    private static final Set<String> FIELDS = Set.of("timezone", "hours", "holidays");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** Open on {@code days} from {@code from} (inclusive) to {@code to} (exclusive; null = midnight). */
    record Range(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        boolean contains(ZonedDateTime t) {
            LocalTime time = t.toLocalTime();
            return days.contains(t.getDayOfWeek()) && !time.isBefore(from) && (to == null || time.isBefore(to));
        }
    }

    private final String name;
    private final ZoneId zone;
    private final List<Range> ranges;
    private final Set<LocalDate> holidays;

    Schedule(String name, ZoneId zone, List<Range> ranges, Set<LocalDate> holidays) {
        this.name = name;
        this.zone = zone;
        this.ranges = List.copyOf(ranges);
        this.holidays = Set.copyOf(holidays);
    }

    public String name() {
        return name;
    }

    /** True when {@code now} falls in an opening range on a day that is not a holiday. */
    public boolean isOpen(Instant now) {
        ZonedDateTime t = now.atZone(zone);
        if (holidays.contains(t.toLocalDate())) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Parses one entry of {@code schedules:}; errors name the file, the schedule and the bad value. */
    static Schedule fromYaml(String name, Object value, String file) {
        String where = file + ": schedule " + name;
        if (!(value instanceof Map<?, ?> m)) {
            throw new ConfigException(where + " must be a map with timezone, hours and holidays");
        }
        for (Object k : m.keySet()) {
            if (!FIELDS.contains(String.valueOf(k))) {
                throw new ConfigException(where + ": unknown field '" + k + "' (known: " + FIELDS + ")");
            }
        }
        ZoneId zone;
        try {
            zone = m.get("timezone") == null ? ZoneId.of("Asia/Shanghai") : ZoneId.of(String.valueOf(m.get("timezone")));
        } catch (DateTimeException e) {
            throw new ConfigException(where + ": unknown timezone '" + m.get("timezone") + "' (e.g. Asia/Shanghai, UTC)");
        }
        if (!(m.get("hours") instanceof List<?> hours) || hours.isEmpty()) {
            throw new ConfigException(where + ": 'hours' must list ranges like \"mon-fri 09:00-18:00\"");
        }
        List<Range> ranges = new ArrayList<>();
        for (Object h : hours) {
            ranges.add(range(String.valueOf(h), where));
        }
        List<LocalDate> holidays = new ArrayList<>();
        if (m.get("holidays") != null) {
            if (!(m.get("holidays") instanceof List<?> days)) {
                throw new ConfigException(where + ": 'holidays' must list dates like \"2026-10-01\"");
            }
            for (Object d : days) {
                try {
                    holidays.add(d instanceof java.util.Date date ? date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                            : LocalDate.parse(String.valueOf(d)));
                } catch (DateTimeParseException e) {
                    throw new ConfigException(where + ": holiday '" + d + "' is not a date like 2026-10-01");
                }
            }
        }
        return new Schedule(name, zone, ranges, Set.copyOf(holidays));
    }

    private static Range range(String text, String where) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length != 2) {
            throw new ConfigException(where + ": hours '" + text + "' must be days and times, like \"mon-fri 09:00-18:00\"");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : parts[0].split(",")) {
            String[] span = part.split("-");
            int from = DAYS.indexOf(span[0]);
            int to = span.length == 2 ? DAYS.indexOf(span[1]) : from;
            if (from < 0 || to < 0 || span.length > 2) {
                throw new ConfigException(where + ": '" + part + "' in '" + text + "' is not a day or day range (mon..sun)");
            }
            for (int d = from; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == to) {
                    break;
                }
            }
        }
        String[] times = parts[1].split("-");
        if (times.length != 2) {
            throw new ConfigException(where + ": '" + parts[1] + "' in '" + text + "' is not a time range like 09:00-18:00");
        }
        LocalTime from = time(times[0], text, where);
        LocalTime to = times[1].equals("24:00") ? null : time(times[1], text, where);
        if (to != null && !to.isAfter(from)) {
            throw new ConfigException(where + ": '" + parts[1] + "' in '" + text + "' ends before it starts (a range may not cross "
                    + "midnight: write two)");
        }
        return new Range(days, from, to);
    }

    private static LocalTime time(String s, String text, String where) {
        try {
            return LocalTime.parse(s.length() == 4 ? "0" + s : s);
        } catch (DateTimeParseException e) {
            throw new ConfigException(where + ": '" + s + "' in '" + text + "' is not a time like 09:00");
        }
    }
}
