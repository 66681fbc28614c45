package io.switchboard.speech.tts.marytts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import marytts.datatypes.MaryXML;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What goes into MaryTTS (a RAWMARYXML document) and what comes out (PCM samples). */
final class MaryInput {
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private MaryInput() {
    }

    /**
     * {@code <maryxml xml:lang="en-US"><p><prosody rate="…">text</prosody></p></maryxml>}. The rate goes in
     * the document rather than MaryTTS's "Rate" audio effect because that effect sets the duration scale on
     * the shared voice object (racing between threads, and read before the synthesis that sets it); the
     * {@code <prosody>} element is applied to this request's phone durations by MaryTTS's acoustic modeller.
     */
    static Document document(String text, double rate) {
        Document doc = MaryXML.newDocument();
        Element root = doc.getDocumentElement();
        root.setAttributeNS(XML_NS, "xml:lang", "en-US");
        Element container = MaryXML.appendChildElement(root, MaryXML.PARAGRAPH);
        if (rate != 1.0) {
            container = MaryXML.appendChildElement(container, MaryXML.PROSODY);
            container.setAttribute("rate", rateAttribute(rate));
        }
        container.appendChild(doc.createTextNode(text));
        return doc;
    }

    /**
     * MaryTTS's relative rate: {@code +p%} scales phone durations by {@code 1 - p/100}, {@code -p%} by
     * {@code 1 + p/100}; we want them scaled by {@code 1/rate}.
     */
    static String rateAttribute(double rate) {
        return rate > 1.0
                ? String.format(Locale.ROOT, "+%.3f%%", (1 - 1 / rate) * 100)
                : String.format(Locale.ROOT, "-%.3f%%", (1 / rate - 1) * 100);
    }

    /** 16-bit mono PCM at {@code rate} from MaryTTS's audio stream. */
    static short[] toPcm(AudioInputStream audio, int rate) throws IOException {
        AudioFormat f = audio.getFormat();
        if (f.getSampleSizeInBits() != 16 || f.getChannels() != 1 || (int) f.getSampleRate() != rate
                || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
            throw new IOException("unexpected MaryTTS audio format " + f);
        }
        byte[] b = readFully(audio);
        short[] pcm = new short[b.length / 2];
        boolean big = f.isBigEndian();
        for (int i = 0; i < pcm.length; i++) {
            int hi = big ? b[2 * i] : b[2 * i + 1];
            int lo = big ? b[2 * i + 1] : b[2 * i];
            pcm[i] = (short) ((hi << 8) | (lo & 0xff));
        }
        return pcm;
    }

    /**
     * Reads to the end in buffers of whole frames; {@code readAllBytes()} on MaryTTS's stream returned only
     * the first 75 ms of a 3.5 s sentence here.
     */
    private static byte[] readFully(AudioInputStream audio) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        byte[] buf = new byte[1 << 14];
        int n;
        while ((n = audio.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
