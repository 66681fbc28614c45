package io.switchboard.speech.tts.espeak;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.switchboard.speech.tts.SynthesisException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * The process's one espeak-ng instance. espeak-ng keeps all its state in C globals (current voice, rate,
 * callback), so it is initialised once and every synthesis holds {@link #lock} from setting the voice to
 * the last sample: calls are serialised, which is what its API requires.
 */
final class EspeakNative {
    private static final int BUFFER_MS = 500;
    private static volatile EspeakNative instance;

    private final EspeakLibrary lib;
    private final int sampleRate;
    private final String version;
    private final List<EspeakVoice> voices;
    private final ReentrantLock lock = new ReentrantLock();
    /** Held strongly: JNA frees a callback whose Java object is collected. */
    private final EspeakLibrary.SynthCallback callback = this::collect;
    private short[] buffer = new short[1 << 16];
    private int buffered;

    private EspeakNative(EspeakLibrary lib) {
        this.lib = lib;
        this.sampleRate = lib.espeak_Initialize(EspeakLibrary.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, null,
                EspeakLibrary.INITIALIZE_DONT_EXIT);
        if (sampleRate <= 0) {
            throw new SynthesisException(SynthesisException.Reason.ENGINE_UNAVAILABLE,
                    "espeak-ng could not load its data (install the Debian package espeak-ng-data)");
        }
        lib.espeak_SetSynthCallback(callback);
        this.version = lib.espeak_Info(null);
        this.voices = listVoices(lib);
        LoggerFactory.getLogger(EspeakNative.class).info("espeak-ng {} loaded: {} voices at {} Hz", version,
                voices.size(), sampleRate);
    }

    /**
     * The loaded library, initialised on first use.
     *
     * @throws SynthesisException ENGINE_UNAVAILABLE when libespeak-ng.so.1 or its data is missing
     */
    static EspeakNative get() {
        EspeakNative e = instance;
        if (e != null) {
            return e;
        }
        synchronized (EspeakNative.class) {
            if (instance == null) {
                EspeakLibrary lib;
                try {
                    lib = Native.load(EspeakLibrary.SONAME, EspeakLibrary.class);
                } catch (UnsatisfiedLinkError err) {
                    throw new SynthesisException(SynthesisException.Reason.ENGINE_UNAVAILABLE,
                            "espeak-ng is not installed: " + EspeakLibrary.SONAME + " was not found "
                                    + "(Debian: apt-get install libespeak-ng1 espeak-ng-data)", err);
                }
                instance = new EspeakNative(lib);
            }
            return instance;
        }
    }

    int sampleRate() {
        return sampleRate;
    }

    String version() {
        return version;
    }

    List<EspeakVoice> voices() {
        return voices;
    }

    /** Speaks UTF-8 {@code text} with voice {@code identifier} at {@code wordsPerMinute}. */
    short[] speak(String identifier, String text, int wordsPerMinute) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(utf8.length + 1L);
        m.write(0, utf8, 0, utf8.length);
        m.setByte(utf8.length, (byte) 0);
        lock.lock();
        try {
            check(lib.espeak_SetVoiceByName(identifier), "select voice " + identifier);
            check(lib.espeak_SetParameter(EspeakLibrary.PARAM_RATE, wordsPerMinute, 0), "set the rate");
            buffered = 0;
            check(lib.espeak_Synth(m, new NativeLong(utf8.length + 1L), 0, EspeakLibrary.POS_CHARACTER, 0,
                    EspeakLibrary.CHARS_UTF8, null, null), "synthesize");
            check(lib.espeak_Synchronize(), "finish");
            return Arrays.copyOf(buffer, buffered);
        } finally {
            lock.unlock();
        }
    }

    /** The synth callback, called on the synthesizing thread while {@link #lock} is held. */
    private int collect(Pointer wav, int samples, Pointer events) {
        if (wav != null && samples > 0) {
            if (buffered + samples > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + samples));
            }
            wav.read(0, buffer, buffered, samples);
            buffered += samples;
        }
        return 0;
    }

    private static void check(int result, String what) {
        if (result != EspeakLibrary.EE_OK) {
            throw new SynthesisException(SynthesisException.Reason.ENGINE_FAILURE,
                    "espeak-ng could not " + what + " (error " + result + ")");
        }
    }

    /** Reads {@code espeak_VOICE} structs: name, languages (priority byte + string, repeated), identifier. */
    private static List<EspeakVoice> listVoices(EspeakLibrary lib) {
        Pointer array = lib.espeak_ListVoices(null);
        List<EspeakVoice> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        int ps = Native.POINTER_SIZE;
        for (int i = 0; ; i++) {
            Pointer v = array.getPointer((long) i * ps);
            if (v == null) {
                break;
            }
            String name = v.getPointer(0).getString(0);
            Pointer langs = v.getPointer(ps);
            String identifier = v.getPointer(2L * ps).getString(0);
            List<String> languages = new ArrayList<>();
            long off = 0;
            while (langs.getByte(off) != 0) {
                String lang = langs.getString(off + 1);
                languages.add(lang.toLowerCase(Locale.ROOT));
                off += 1 + lang.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            out.add(new EspeakVoice(identifier, name, List.copyOf(languages)));
        }
        return List.copyOf(out);
    }
}
