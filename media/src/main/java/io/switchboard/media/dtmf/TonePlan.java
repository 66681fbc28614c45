package io.switchboard.media.dtmf;

import java.util.List;

/**
 * A tone as a cadence: segments of one or more summed sine frequencies (or silence), played once or
 * repeated. Call-progress plans follow the national plans (ITU-T E.180 supplement 2): China uses 450 Hz
 * for ringback (1 s on, 4 s off), busy (0.35/0.35 s) and congestion (0.7/0.7 s); North America uses
 * 440+480 Hz ringback (2 s/4 s), 480+620 Hz busy (0.5/0.5 s) and reorder (0.25/0.25 s).
 *
 * @param segments the cadence, in order
 * @param repeat   start again after the last segment
 */
public record TonePlan(List<Segment> segments, boolean repeat) {

    /** {@code durationMs} of the sum of {@code frequencies} (none = silence). Multiples of 20 ms keep frames aligned. */
    public record Segment(int durationMs, double... frequencies) {
        public Segment {
            if (durationMs <= 0) {
                throw new IllegalArgumentException("segment duration must be positive");
            }
            frequencies = frequencies.clone();
        }

        public boolean isSilence() {
            return frequencies.length == 0;
        }
    }

    public TonePlan {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a tone plan needs at least one segment");
        }
    }

    public static TonePlan ringbackChina() {
        return cadence(1000, 4000, 450);
    }

    public static TonePlan busyChina() {
        return cadence(350, 350, 450);
    }

    public static TonePlan congestionChina() {
        return cadence(700, 700, 450);
    }

    public static TonePlan ringbackNorthAmerica() {
        return cadence(2000, 4000, 440, 480);
    }

    public static TonePlan busyNorthAmerica() {
        return cadence(500, 500, 480, 620);
    }

    public static TonePlan reorderNorthAmerica() {
        return cadence(250, 250, 480, 620);
    }

    /** One in-band DTMF key: its Q.23 pair for {@code onMs}, then {@code offMs} of silence, not repeated. */
    public static TonePlan dtmf(DtmfDigit digit, int onMs, int offMs) {
        return new TonePlan(List.of(new Segment(onMs, digit.rowHz(), digit.columnHz()), new Segment(offMs)), false);
    }

    /** Total length of one pass through the cadence. */
    public int periodMs() {
        int sum = 0;
        for (Segment s : segments) {
            sum += s.durationMs();
        }
        return sum;
    }

    private static TonePlan cadence(int onMs, int offMs, double... frequencies) {
        return new TonePlan(List.of(new Segment(onMs, frequencies), new Segment(offMs)), true);
    }
}
