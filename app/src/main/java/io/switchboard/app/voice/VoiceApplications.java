package io.switchboard.app.voice;

import io.switchboard.ivr.exec.FlowEngine;
import io.switchboard.ivr.exec.FlowEvent;
import io.switchboard.ivr.exec.FlowListener;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.script.FlowVersion;
import io.switchboard.ivr.store.FlowStore;
import io.switchboard.routing.numbering.Normalized;
import io.switchboard.routing.numbering.NumberNormalizer;
import io.switchboard.sip.b2bua.AnsweredCall;
import io.switchboard.sip.b2bua.CallApplications;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IVR flows as the switch's call applications: a number listed under a published flow's {@code numbers:}
 * (in any notation: {@code 400-800-1234}, {@code +86 400 800 1234}) is answered by that flow, from a trunk
 * or from a desk phone alike; a trunk rule {@code flow: NAME} names one directly. Each call runs on the
 * snapshot of published flows taken when it is answered, so a publish mid-call affects only later calls.
 */
public final class VoiceApplications implements CallApplications, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceApplications.class);

    private final FlowStore store;
    private final FlowEngine engine;
    private final Speech speech;
    private final NumberNormalizer numbers = new NumberNormalizer();
    private final ExecutorService io;
    private final AudioFiles files;
    private final Voicemail voicemail;
    private final Queues queues;
    private final CustomerLookup customers;
    private final FeatureCodes features;

    public VoiceApplications(FlowStore store, FlowEngine engine, Speech speech, Queues queues, CustomerLookup customers, Path sounds,
            Path voicemailDir, InstantSource clock) {
        this.customers = customers;
        this.queues = queues;
        this.store = store;
        this.engine = engine;
        this.speech = speech;
        this.io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "voice-files");
            t.setDaemon(true);
            return t;
        });
        this.files = new AudioFiles(sounds, 32L << 20, io);
        this.voicemail = new Voicemail(voicemailDir, io, clock);
        this.features = new FeatureCodes(queues, speech);
    }

    @Override
    public Optional<String> applicationFor(String dialled) {
        Optional<String> feature = FeatureCodes.applicationFor(dialled);
        if (feature.isPresent()) {
            return feature;
        }
        FlowSet flows = store.snapshot();
        Optional<FlowVersion> v = flows.forNumber(dialled);
        if (v.isEmpty() && numbers.normalize(dialled) instanceof Normalized.Valid n) {
            v = flows.forNumber(n.national());
            if (v.isEmpty()) {
                v = flows.forNumber(n.e164());
            }
        }
        return v.map(FlowVersion::name);
    }

    @Override
    public void start(String application, AnsweredCall call) {
        if (application.startsWith(FeatureCodes.PREFIX)) {
            features.start(application, call);
            return;
        }
        FlowSet flows = store.snapshot();
        int version = flows.get(application).map(FlowVersion::version).orElse(0);
        log.info("call {}: flow {} version {} answers {} calling {}", call.callId(), application, version, call.caller(), call.dialled());
        call.tag("flow", application + "@v" + version);
        List<String> path = new ArrayList<>();
        FlowListener perCall = e -> {
            if (e instanceof FlowEvent.StepStarted s && (path.isEmpty() || !path.get(path.size() - 1).equals(s.step()))) {
                // kept current on every step: the CDR is written when the call ends, maybe before the flow hears of it
                path.add(s.step());
                call.tag("ivr_path", String.join(">", path));
            } else if (e instanceof FlowEvent.FlowEnded end) {
                call.tag("ivr_outcome", String.valueOf(end.outcome()));
            }
        };
        engine.start(flows, application, new VoiceSession(call, speech, files, voicemail, queues, customers), call.lane(), perCall);
    }

    @Override
    public void close() {
        io.shutdown();
    }
}
