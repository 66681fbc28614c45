package io.switchboard.speech.tts.marytts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import marytts.datatypes.MaryData;
import marytts.htsengine.HMMData;
import marytts.htsengine.HMMVoice;
import marytts.htsengine.HTSPStream;
import marytts.htsengine.HTSParameterGeneration;
import marytts.htsengine.HTSUttModel;
import marytts.htsengine.HTSVocoder;
import marytts.modules.HTSEngine;
import marytts.modules.synthesis.Voice;
import marytts.unitselection.select.Target;
import org.w3c.dom.Element;

/**
 * MaryTTS's HTS engine with the vocoder run at 16 kHz instead of the voice's 48 kHz. Three quarters of a
 * warm synthesis was the MLSA vocoder filtering 48 000 samples a second through a 35-coefficient
 * filter, only for us to resample the result to 16 or 8 kHz. Here the parameter generation is MaryTTS's
 * (same models, same durations, same F0); the generated 48 kHz mel-cepstra are converted per frame by
 * {@link MelCepstrumRateConverter} to {@value #ORDER} coefficients at α = {@value #ALPHA} (the usual
 * warping for 16 kHz), and MaryTTS's own vocoder renders them at the rate the voice is configured with
 * (see {@link #configure}).
 *
 * <p>Registered through MaryTTS's {@code modules.classes.list} ahead of {@link HTSEngine}: MaryTTS's
 * HMM synthesizer takes the first registered module that is an {@code HTSEngine}.
 */
public final class WidebandHtsEngine extends HTSEngine {
    /** All-pass constant the voice's mel-cepstra were analysed with (its voice.config, 48 kHz). */
    static final double MODEL_ALPHA = 0.55;
    /** The rate the voice's models describe. */
    static final int MODEL_RATE = 48_000;
    /** The vocoder's rate. */
    static final int RATE = 16_000;
    /** All-pass constant of the vocoder's mel-cepstra at 16 kHz. */
    static final double ALPHA = 0.42;
    /** Coefficients (c0 included) of the vocoder's mel-cepstra: order 24, as HTS's 16 kHz voices. */
    static final int ORDER = 25;

    private static final String MIX_FILTERS = "cmu-slt-hsmm-16k-mix-filters.txt";

    private volatile MelCepstrumRateConverter converter;

    /**
     * Sets the loaded voice's vocoder settings for 16 kHz: rate, frame shift (80 samples, still 5 ms, so
     * durations in frames do not change), warping of the converted mel-cepstra, and mixed-excitation band
     * filters designed for 16 kHz (the resource's header says how). The mel-cepstral postfilter (β = 0.1 in
     * the voice.config, a slight formant sharpening) is switched off: it costs a 96-point impulse response
     * per 5 ms frame, about a fifth of what was left of a synthesis. Done on the voice's own
     * {@link HMMData} rather than through voice.config overrides, which MaryTTS 5.2.1's
     * {@code PropertiesAccessor} does not apply (it looks the key up among the system properties' values).
     * Idempotent; call before the first synthesis.
     */
    static synchronized void configure(String voiceName) {
        if (!(Voice.getVoice(voiceName) instanceof HMMVoice voice)) {
            throw new IllegalStateException("MaryTTS has no HMM voice " + voiceName);
        }
        HMMData data = voice.getHMMData();
        if (data.getRate() == RATE) {
            return;
        }
        if (data.getRate() != MODEL_RATE || data.getFperiod() != MODEL_RATE / 200 || data.getAlpha() != MODEL_ALPHA) {
            throw new IllegalStateException("unexpected " + voiceName + " settings: " + data.getRate() + " Hz, frame "
                    + data.getFperiod() + ", alpha " + data.getAlpha());
        }
        try (InputStream filters = WidebandHtsEngine.class.getResourceAsStream(MIX_FILTERS)) {
            data.readMixedExcitationFilters(filters);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MIX_FILTERS, e);
        }
        data.setBeta(0);
        data.setFperiod(RATE / 200);
        data.setAlpha(ALPHA);
        data.setRate(RATE);
    }

    @Override
    public MaryData process(MaryData d, List<Target> targets, List<Element> segmentsAndBoundaries,
            List<Element> tokensAndBoundaries) throws Exception {
        HMMData data = ((HMMVoice) d.getDefaultVoice()).getHMMData();
        if (data.getRate() != RATE) {
            return super.process(d, targets, segmentsAndBoundaries, tokensAndBoundaries);
        }
        HTSUttModel um = processTargetList(targets, segmentsAndBoundaries, data);
        HTSParameterGeneration pdf2par = new HTSParameterGeneration();
        pdf2par.htsMaximumLikelihoodParameterGeneration(um, data);
        pdf2par.setMcepPst(narrow(pdf2par.getMcepPst()));
        AudioInputStream ais = new HTSVocoder().htsMLSAVocoder(pdf2par, data);
        MaryData output = new MaryData(outputType(), d.getLocale());
        if (d.getAudioFileFormat() != null) {
            output.setAudioFileFormat(d.getAudioFileFormat());
            if (d.getAudio() != null) {
                output.setAudio(d.getAudio());
            }
        }
        output.appendAudio(ais);
        if (tokensAndBoundaries != null) {
            setRealisedProsody(tokensAndBoundaries, um);
        }
        return output;
    }

    private HTSPStream narrow(HTSPStream wide) throws Exception {
        MelCepstrumRateConverter c = converter;
        if (c == null) {
            c = new MelCepstrumRateConverter(wide.getOrder(), MODEL_ALPHA, ORDER, ALPHA, RATE / (double) MODEL_RATE);
            converter = c;
        }
        HTSPStream out = new HTSPStream(3 * ORDER, wide.getT(), wide.feaType, 0);
        double[] frame = new double[ORDER];
        for (int t = 0; t < wide.getT(); t++) {
            c.convert(wide.getParVec(t), frame);
            for (int k = 0; k < ORDER; k++) {
                out.setPar(t, k, frame[k]);
            }
        }
        return out;
    }
}
