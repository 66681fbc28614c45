package io.switchboard.speech.tts.marytts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import marytts.datatypes.MaryData;
import marytts.datatypes.MaryDataType;
import marytts.datatypes.MaryXML;
import marytts.modules.InternalModule;
import marytts.util.MaryUtils;
import marytts.util.dom.DomUtils;
import marytts.util.dom.MaryDomUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.w3c.dom.traversal.DocumentTraversal;
import org.w3c.dom.traversal.NodeFilter;
import org.w3c.dom.traversal.NodeIterator;

/**
 * The MaryTTS module RAWMARYXML → TOKENS for US English, standing in for MaryTTS's {@code JTokeniser},
 * whose JTok library is not on Maven Central. Every text node becomes {@code <t>} tokens
 * ({@link EnglishTokens}), grouped into {@code <s>} sentences at sentence-final punctuation inside the
 * paragraph (or {@code <prosody>}) the text is in. Numbers stay as digits for MaryTTS's {@code Preprocess}
 * to expand; accented letters are folded to ASCII (café → cafe) as MaryTTS's English tokenizer does, since
 * the US English lexicon and letter-to-sound rules know ASCII only.
 *
 * <p>Registered with MaryTTS by class name through the {@code modules.classes.list} system property
 * ({@link MaryTtsSynthesizer#start()}); its locale {@code en_US} makes MaryTTS prefer it over the
 * language-wide JTokeniser, which is listed by MaryTTS's own configuration but never started.
 */
public final class MaryTokenizer extends InternalModule {

    /** Instantiated by MaryTTS through reflection. */
    public MaryTokenizer() {
        super("SwitchboardTokenizer", MaryDataType.RAWMARYXML, MaryDataType.TOKENS, Locale.US);
    }

    @Override
    public MaryData process(MaryData d) throws Exception {
        Document doc = d.getDocument();
        for (Text text : textNodes(doc)) {
            tokenize(doc, text);
        }
        MaryData result = new MaryData(getOutputType(), d.getLocale());
        result.setDocument(doc);
        return result;
    }

    private static List<Text> textNodes(Document doc) {
        NodeIterator it = ((DocumentTraversal) doc).createNodeIterator(doc, NodeFilter.SHOW_TEXT, null, false);
        List<Text> texts = new ArrayList<>();
        Node n;
        while ((n = it.nextNode()) != null) {
            if (!DomUtils.hasAncestor(n, MaryXML.TOKEN)) {
                texts.add((Text) n);
            }
        }
        return texts;
    }

    private static void tokenize(Document doc, Text text) {
        Node parent = text.getParentNode();
        boolean inSentence = DomUtils.hasAncestor(text, MaryXML.SENTENCE)
                || MaryXML.SENTENCE.equals(parent.getNodeName());
        Element sentence = null;
        for (String token : EnglishTokens.split(text.getData())) {
            Element t = MaryXML.createElement(doc, MaryXML.TOKEN);
            MaryDomUtils.setTokenText(t, MaryUtils.normaliseUnicodeLetters(token, Locale.ENGLISH));
            if (inSentence) {
                parent.insertBefore(t, text);
                continue;
            }
            if (sentence == null) {
                sentence = MaryXML.createElement(doc, MaryXML.SENTENCE);
                parent.insertBefore(sentence, text);
            }
            sentence.appendChild(t);
            if (EnglishTokens.endsSentence(token)) {
                sentence = null;
            }
        }
        parent.removeChild(text);
    }
}
