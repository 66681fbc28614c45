package io.switchboard.speech.tts.espeak;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The part of espeak-ng's C API ({@code speak_lib.h}, libespeak-ng.so.1) we call through JNA.
 * All of it works on one global synthesizer state: callers serialise (see {@link EspeakNative}).
 */
interface EspeakLibrary extends Library {
    /** The shared object installed by Debian's {@code libespeak-ng1} (no unversioned .so without -dev). */
    String SONAME = "libespeak-ng.so.1";

    /** {@code espeak_AUDIO_OUTPUT}: synthesize in the calling thread and hand audio to the callback. */
    int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    /** {@code espeakINITIALIZE_DONT_EXIT}: report errors instead of calling exit() in our JVM. */
    int INITIALIZE_DONT_EXIT = 0x8000;
    /** {@code espeakCHARS_UTF8}. */
    int CHARS_UTF8 = 1;
    /** {@code POS_CHARACTER}. */
    int POS_CHARACTER = 1;
    /** {@code espeakRATE}: words per minute, 80..450, default 175. */
    int PARAM_RATE = 1;
    /** {@code EE_OK}. */
    int EE_OK = 0;

    /** {@code int t_espeak_callback(short *wav, int numsamples, espeak_EVENT *events)}: 0 to go on. */
    interface SynthCallback extends Callback {
        int invoke(Pointer wav, int numsamples, Pointer events);
    }

    /** Returns the sample rate, or -1 when the data directory cannot be read. */
    int espeak_Initialize(int output, int buflength, String path, int options);

    void espeak_SetSynthCallback(SynthCallback callback);

    int espeak_SetVoiceByName(String name);

    int espeak_SetParameter(int parameter, int value, int relative);

    int espeak_Synth(Pointer text, NativeLong size, int position, int positionType, int endPosition, int flags,
                     Pointer uniqueIdentifier, Pointer userData);

    int espeak_Synchronize();

    /** A NULL-terminated array of {@code espeak_VOICE*}. */
    Pointer espeak_ListVoices(Pointer voiceSpec);

    String espeak_Info(Pointer pathData);
}
