package io.switchboard.media;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigKey;
import io.switchboard.media.bridge.InbandDtmf;
import io.switchboard.media.codec.OpusCodec;
import io.switchboard.media.rtp.MediaThreads;
import java.util.List;

/**
 * Typed configuration of the media engine ({@code media.*}), with every key's default inside this module.
 *
 * @param bind          address RTP sockets bind to; empty = the SIP bind address
 * @param advertise     address written into SDP {@code c=}/{@code o=} (behind NAT); empty = the bind address
 * @param portMin       lowest RTP port (even ports carry RTP, the next odd one RTCP)
 * @param portMax       highest RTP port
 * @param ioThreads     media event loop threads; already resolved (0 in the file means two per core)
 * @param symmetricRtp  latch to the source of the first packet (NAT) instead of trusting SDP alone
 * @param codecs        audio codecs we offer and accept, most preferred first
 * @param telephoneEvent offer and accept RFC 4733 telephone-event
 * @param ptimeMs       packetisation time we send with
 * @param inbandDtmf    when in-band tones are listened for
 * @param record        record every answered call
 * @param opusComplexity the Opus encoder's complexity, 0-10
 * @param schedSliceUs  the scheduler slice media threads request, microseconds; 0 = the kernel's default
 */
public record MediaConfig(String bind, String advertise, int portMin, int portMax, int ioThreads, boolean symmetricRtp,
                          List<String> codecs, boolean telephoneEvent, int ptimeMs, InbandDtmf inbandDtmf, boolean record,
                          int opusComplexity, int schedSliceUs) {

    public static final ConfigKey<String> BIND = ConfigKey.string("media.bind", "", "address RTP sockets bind to; empty = sip.bind");
    public static final ConfigKey<String> ADVERTISE = ConfigKey.string("media.advertiseAddress", "",
            "address put in SDP c= lines when it differs from the bind address (behind NAT); empty = the bind address");
    public static final ConfigKey<Integer> PORT_MIN = ConfigKey.integer("media.portMin", 16384, 1024, 65535, "lowest RTP port (RTP on even ports, RTCP on the next odd one)");
    public static final ConfigKey<Integer> PORT_MAX = ConfigKey.integer("media.portMax", 32767, 1025, 65535, "highest RTP port; two ports per call leg, four per call");
    public static final ConfigKey<Integer> IO_THREADS = ConfigKey.integer("media.ioThreads", 0, 0, 256,
            "media event loop threads; 0 = two per core");
    public static final ConfigKey<Boolean> SYMMETRIC = ConfigKey.bool("media.symmetricRtp", true,
            "send RTP to where the far end's packets come from (NAT traversal) and drop packets from other sources");
    public static final ConfigKey<List<String>> CODECS = ConfigKey.list("media.codecs", "PCMU,PCMA,opus",
            "audio codecs offered and accepted, most preferred first (legs with different codecs are transcoded)", "PCMU", "PCMA", "opus");
    public static final ConfigKey<Boolean> TELEPHONE_EVENT = ConfigKey.bool("media.telephoneEvent", true, "offer and accept RFC 4733 DTMF events");
    public static final ConfigKey<Integer> PTIME = ConfigKey.integer("media.ptime", 20, 10, 60, "packetisation time we send with, ms (a=ptime)");
    public static final ConfigKey<List<String>> INBAND_DTMF = ConfigKey.list("media.dtmf.inband", "auto",
            "listen for DTMF tones in the audio: auto (legs without telephone-event), always, never", "auto", "always", "never");

    public static final ConfigKey<Boolean> RECORD = ConfigKey.bool("media.record", false,
            "record every answered call: stereo WAV (caller left, other party right) under data/recordings/YYYY/MM/DD/<call-id>.wav");

    public static final ConfigKey<Integer> OPUS_COMPLEXITY = ConfigKey.integer("media.opus.complexity", OpusCodec.DEFAULT_COMPLEXITY, 0, 10,
            "Opus encoder complexity, 0 (least CPU: about 30 % less than 2, but tones lose level) to 10 (libopus's own default, about twice the CPU of 2)");

    public static final ConfigKey<Integer> SCHED_SLICE = ConfigKey.integer("media.schedSliceUs", MediaThreads.DEFAULT_SLICE_US, 0, 100_000,
            "scheduler slice media threads ask Linux (6.12+) for, microseconds: a woken media thread then preempts ordinary work "
                    + "instead of waiting out its slice; 0 = the kernel's default");

    public static List<ConfigKey<?>> keys() {
        return List.of(BIND, ADVERTISE, PORT_MIN, PORT_MAX, IO_THREADS, SYMMETRIC, CODECS, TELEPHONE_EVENT, PTIME, INBAND_DTMF, RECORD,
                OPUS_COMPLEXITY, SCHED_SLICE);
    }

    public static MediaConfig from(Config c) {
        if (c.get(PORT_MIN) + 1 > c.get(PORT_MAX)) {
            throw new ConfigException("media.portMin=" + c.get(PORT_MIN) + " must be below media.portMax=" + c.get(PORT_MAX));
        }
        if (c.get(CODECS).isEmpty()) {
            throw new ConfigException("media.codecs must name at least one codec");
        }
        if (c.get(INBAND_DTMF).size() != 1) {
            throw new ConfigException("media.dtmf.inband takes one of auto, always, never");
        }
        // Two loops per core by default: on a machine whose cores are shared with other work (an RT
        // thread, interrupts, another process), smaller loops let the scheduler spread the relay over
        // what is left of every core. Measured with bench/media-calls.sh on 2 cores: one loop per core
        // went unclean (p99 |D| 15-35 ms) at 325 calls, three or four loops stayed clean there.
        int threads = c.get(IO_THREADS) == 0 ? 2 * Runtime.getRuntime().availableProcessors() : c.get(IO_THREADS);
        return new MediaConfig(c.get(BIND), c.get(ADVERTISE), c.get(PORT_MIN), c.get(PORT_MAX), threads, c.get(SYMMETRIC),
                c.get(CODECS), c.get(TELEPHONE_EVENT), c.get(PTIME), InbandDtmf.parse(c.get(INBAND_DTMF).get(0)), c.get(RECORD),
                c.get(OPUS_COMPLEXITY), c.get(SCHED_SLICE));
    }
}
