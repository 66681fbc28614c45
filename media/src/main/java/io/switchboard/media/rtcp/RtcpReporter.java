package io.switchboard.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.switchboard.media.rtp.DecodeResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The RTCP half of one RTP session, without the sockets (RFC 3550 §6): it keeps the statistics of the
 * stream we receive, builds our compound reports (SR or RR, SDES CNAME, and BYE when leaving, §6.1, §6.6),
 * and reads the far end's, keeping what they say about our stream and the round trip (§6.4.1).
 * {@code RtpSession} owns one and does the I/O and the timer.
 *
 * <p>Per packet: {@link #onRtp} reads the monotonic clock once; {@link #onSent} reads it only for the
 * marker-bit packets and every {@link #SEND_SAMPLE_EVERY}th packet, which is enough to extrapolate the
 * SR's RTP timestamp (a stream's timestamps follow the wall clock within a talkspurt; the marker bit
 * flags the discontinuities, RFC 3551 §4.1). Neither allocates.
 *
 * <p>Threading: everything runs on the session's event loop except {@link #onSent} (on the one thread
 * that sends RTP at a time — the lane or the event loop; it publishes a timestamp and its time),
 * {@link #setClockRate} (the lane) and {@link #quality} (anyone: a volatile immutable snapshot).
 *
 * <p>Time is injected: NTP times come from an {@link InstantSource}, packet times from a monotonic
 * nanosecond clock ({@code System::nanoTime} in production).
 */
public final class RtcpReporter {
    /** Sent packets between two readings of the clock for the SR timestamp. */
    public static final int SEND_SAMPLE_EVERY = 64;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ssrc;
    private final String cname;
    private final InstantSource clock;
    private final LongSupplier nanoClock;
    private final RtcpInterval interval;
    private final ReceptionStatistics reception = new ReceptionStatistics();
    private final AtomicLong lastSentTimestamp = new AtomicLong();
    private final AtomicLong lastSentNanos = new AtomicLong();
    private volatile int clockRate = 8000;
    private volatile StreamQuality quality = StreamQuality.NONE;
    private int sentSinceSample = SEND_SAMPLE_EVERY;

    private long packetsAtLastReport;
    private long packetsAtReportBefore;
    private boolean reported;
    private boolean farEndReported;
    private int farEndFraction;
    private int farEndLost;
    private long farEndJitter;
    private double roundTripMs = Double.NaN;
    private String farEndCname = "";
    private boolean farEndBye;

    /**
     * @param ssrc     the SSRC of the stream we send (our reports carry it)
     * @param cname    our SDES CNAME
     * @param clock     the wall clock for NTP timestamps
     * @param nanoClock a monotonic clock in nanoseconds for packet times
     * @param interval  the report interval policy
     */
    public RtcpReporter(long ssrc, String cname, InstantSource clock, LongSupplier nanoClock, RtcpInterval interval) {
        this.ssrc = RtcpPacket.unsigned32(ssrc, "SSRC");
        this.cname = cname;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.interval = interval;
    }

    public long ssrc() {
        return ssrc;
    }

    public String cname() {
        return cname;
    }

    /** The RTP clock rate of the negotiated codec, for jitter and the SR timestamp; any thread. */
    public void setClockRate(int hz) {
        if (hz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + hz);
        }
        clockRate = hz;
    }

    public int clockRate() {
        return clockRate;
    }

    /** Accounts a received RTP packet, arriving now (event loop). */
    public void onRtp(long packetSsrc, int seq, long timestamp) {
        int hz = clockRate;
        if (hz != reception.clockRate()) {
            reception.setClockRate(hz);
        }
        reception.onPacket(packetSsrc, seq, timestamp, nanoClock.getAsLong());
    }

    /**
     * Accounts an RTP packet we send now (the sending thread). The counter is a plain field: two threads
     * sending at once could only make a sample come a little late.
     */
    public void onSent(long timestamp, boolean marker) {
        if (marker || ++sentSinceSample >= SEND_SAMPLE_EVERY) {
            sentSinceSample = 0;
            lastSentTimestamp.lazySet(timestamp);
            lastSentNanos.lazySet(nanoClock.getAsLong());
        }
    }

    /** The statistics of the stream we receive (event loop only). */
    ReceptionStatistics reception() {
        return reception;
    }

    /**
     * Decodes a compound packet from the far end and keeps what it says: its SR for our LSR/DLSR, its
     * report block about our stream, its CNAME, its BYE. A failure changes nothing.
     */
    public DecodeResult<List<RtcpPacket>> onRtcp(ByteBuf datagram) {
        DecodeResult<List<RtcpPacket>> result = RtcpCodec.decode(datagram);
        if (!result.isSuccess()) {
            return result;
        }
        long arrivalNtp = NtpTime.of(clock.instant());
        long sender = -1;
        for (RtcpPacket p : result.value()) {
            if (p instanceof SenderReport sr) {
                sender = sr.ssrc();
                reception.onSenderReport(sr.ssrc(), sr.ntpTimestamp(), arrivalNtp);
                blocks(sr.reports(), arrivalNtp);
            } else if (p instanceof ReceiverReport rr) {
                sender = rr.ssrc();
                blocks(rr.reports(), arrivalNtp);
            } else if (p instanceof SourceDescription sdes) {
                for (SourceDescription.Chunk c : sdes.chunks()) {
                    if (c.ssrc() == sender) {
                        c.item(SdesItemType.CNAME).ifPresent(n -> farEndCname = n);
                    }
                }
            } else if (p instanceof Bye) {
                farEndBye = true;
            }
        }
        interval.received(datagram.readableBytes());
        publish();
        return result;
    }

    private void blocks(List<ReportBlock> blocks, long arrivalNtp) {
        for (ReportBlock b : blocks) {
            if (b.ssrc() != ssrc) {
                continue;
            }
            farEndReported = true;
            farEndFraction = b.fractionLost();
            farEndLost = b.cumulativeLost();
            farEndJitter = b.jitter();
            long rtt = NtpTime.roundTrip(NtpTime.middle32(arrivalNtp), b.lastSr(), b.delaySinceLastSr());
            if (rtt >= 0) {
                roundTripMs = NtpTime.shortToMillis(rtt);
            }
        }
    }

    /**
     * Our next compound packet: an SR when we sent RTP since the report before last (§6.4), else an RR;
     * a report block when a source is valid; our CNAME; and a BYE when {@code bye}. Starts a new
     * reporting interval.
     *
     * @param packetsSent RTP packets sent since the session started
     * @param octetsSent  RTP payload octets sent since the session started
     */
    public List<RtcpPacket> report(long packetsSent, long octetsSent, boolean bye) {
        long nowNtp = NtpTime.of(clock.instant());
        List<ReportBlock> blocks = reception.hasValidSource() ? List.of(reception.report(nowNtp)) : List.of();
        boolean weSent = packetsSent > packetsAtReportBefore;
        packetsAtReportBefore = packetsAtLastReport;
        packetsAtLastReport = packetsSent;
        List<RtcpPacket> compound = new ArrayList<>(3);
        if (weSent) {
            compound.add(new SenderReport(ssrc, nowNtp, rtpTimestampAt(nanoClock.getAsLong()), packetsSent & 0xFFFFFFFFL,
                    octetsSent & 0xFFFFFFFFL, blocks));
        } else {
            compound.add(new ReceiverReport(ssrc, blocks));
        }
        compound.add(SourceDescription.cname(ssrc, cname));
        if (bye) {
            compound.add(new Bye(List.of(ssrc), ""));
        }
        interval.sent(RtcpCodec.encodedLength(compound));
        reported = true;
        publish();
        return compound;
    }

    /** The RTP timestamp of our stream at {@code nowNanos}: the last one sampled, moved on by the time since. */
    private long rtpTimestampAt(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastSentNanos.get());
        int hz = clockRate;
        long units = elapsed / NANOS_PER_SECOND * hz + elapsed % NANOS_PER_SECOND * hz / NANOS_PER_SECOND;
        return (lastSentTimestamp.get() + units) & 0xFFFFFFFFL;
    }

    /** How long to wait before the next report, randomised (§6.3.1). */
    public long nextIntervalNanos(RandomGenerator random) {
        return interval.nextNanos(!reported, random);
    }

    /** The latest quality snapshot; any thread. */
    public StreamQuality quality() {
        return quality;
    }

    private void publish() {
        double hz = clockRate;
        quality = new StreamQuality(reception.received(), reception.cumulativeLost(), reception.lastFractionLost() / 256.0,
                reception.jitterMillis(), farEndReported, farEndFraction / 256.0, farEndLost, farEndJitter * 1000.0 / hz,
                roundTripMs, farEndCname, farEndBye);
    }
}
