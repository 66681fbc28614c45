package io.switchboard.speech.tts.ssml;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the SSML 1.1 subset our prompts use into a {@link Speech}:
 * <ul>
 *   <li>{@code <speak>} (§3.1.1) as the root; {@code <p>} and {@code <s>} (§3.1.8) as plain containers;</li>
 *   <li>{@code <break time="500ms"/>} or {@code strength="weak|medium|strong|…"} (§3.2.3), at most 10 s;</li>
 *   <li>{@code <say-as interpret-as="digits|telephone|characters">} (§3.1.9);</li>
 *   <li>{@code <prosody rate="x-slow|slow|medium|fast|x-fast|80%|+20%|1.2">} (§3.2.4), nested rates
 *       multiply; other prosody attributes (pitch, volume) are accepted and ignored.</li>
 * </ul>
 * {@code xml:lang} and other attributes of {@code <speak>} are accepted and not used: the request's voice
 * decides the language. Anything else (another element, a DOCTYPE, markup that is not well-formed) is
 * rejected with the line
 * and column, so an operator who typed the prompt can fix it. The JDK's SAX parser does the XML part
 * (with DOCTYPEs refused, so no entity expansion); this class only checks our elements.
 */
public final class SsmlParser {
    /** Longest pause a {@code <break>} may ask for. */
    public static final Duration MAX_BREAK = Duration.ofSeconds(10);

    private SsmlParser() {
    }

    /** Parses {@code ssml}, whose root must be {@code <speak>}. */
    public static Speech parse(String ssml) {
        Handler handler = new Handler();
        try {
            parser().parse(new InputSource(new StringReader(ssml)), handler);
        } catch (SAXParseException e) {
            throw new SsmlSyntaxException(e.getMessage(), Math.max(1, e.getLineNumber()), Math.max(1, e.getColumnNumber()));
        } catch (SAXException | IOException e) {
            throw new SsmlSyntaxException(String.valueOf(e.getMessage()), 1, 1);
        }
        return new Speech(handler.segments);
    }

    private static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be configured", e);
        }
    }

    /** Relative rate for an SSML {@code rate} value, or throws saying what is accepted. */
    static double parseRate(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "x-slow": return 0.5;
            case "slow": return 0.75;
            case "medium", "default": return 1.0;
            case "fast": return 1.25;
            case "x-fast": return 1.6;
            default: break;
        }
        try {
            double r;
            if (v.endsWith("%")) {
                double pct = Double.parseDouble(v.substring(0, v.length() - 1));
                r = v.startsWith("+") || v.startsWith("-") ? 1 + pct / 100 : pct / 100;
            } else {
                r = Double.parseDouble(v);
            }
            if (r >= 0.3 && r <= 3.0) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("rate \"" + value + "\" is not x-slow, slow, medium, fast, x-fast or a "
                + "percentage from 30% to 300%");
    }

    /** Pause for a {@code <break>}'s attributes. */
    static Duration parseBreak(String time, String strength) {
        if (time != null && !time.isBlank()) {
            String t = time.trim().toLowerCase(Locale.ROOT);
            Duration d;
            try {
                if (t.endsWith("ms")) {
                    d = Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6));
                } else if (t.endsWith("s")) {
                    d = Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1e9));
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("break time \"" + time + "\" is not like 500ms or 1.5s");
            }
            if (d.isNegative() || d.compareTo(MAX_BREAK) > 0) {
                throw new IllegalArgumentException("break time \"" + time + "\" is not from 0 to " + MAX_BREAK.toSeconds() + "s");
            }
            return d;
        }
        String s = strength == null ? "medium" : strength.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "none" -> Duration.ZERO;
            case "x-weak" -> Duration.ofMillis(100);
            case "weak" -> Duration.ofMillis(200);
            case "medium" -> Duration.ofMillis(400);
            case "strong" -> Duration.ofMillis(700);
            case "x-strong" -> Duration.ofMillis(1000);
            default -> throw new IllegalArgumentException("break strength \"" + strength
                    + "\" is not none, x-weak, weak, medium, strong or x-strong");
        };
    }

    /** Collects segments while checking the elements against the subset. */
    private static final class Handler extends DefaultHandler {
        private final List<Segment> segments = new ArrayList<>();
        private final Deque<String> open = new ArrayDeque<>();
        private final Deque<Double> rates = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private Locator locator;
        private SayAs sayAs = SayAs.NORMAL;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String name = localName.isEmpty() ? qName : localName;
            if (open.isEmpty() && !name.equals("speak")) {
                throw error("the root element must be <speak>, not <" + name + ">");
            }
            if (!open.isEmpty() && "break".equals(open.peek())) {
                throw error("<break> must be empty");
            }
            flush();
            switch (name) {
                case "speak" -> {
                    if (!open.isEmpty()) {
                        throw error("<speak> may only be the root element");
                    }
                    rates.push(1.0);
                }
                case "p", "s" -> rates.push(rates.peek());
                case "break" -> {
                    try {
                        segments.add(new Segment.Pause(parseBreak(atts.getValue("time"), atts.getValue("strength"))));
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage());
                    }
                    rates.push(rates.peek());
                }
                case "say-as" -> {
                    if (sayAs != SayAs.NORMAL) {
                        throw error("<say-as> cannot be nested");
                    }
                    String as = atts.getValue("interpret-as");
                    if (as == null) {
                        throw error("<say-as> needs interpret-as (" + SayAs.accepted() + ")");
                    }
                    SayAs parsed = SayAs.fromSsml(as);
                    if (parsed == null) {
                        throw error("interpret-as=\"" + as + "\" is not supported; use " + SayAs.accepted());
                    }
                    sayAs = parsed;
                    rates.push(rates.peek());
                }
                case "prosody" -> {
                    String rate = atts.getValue("rate");
                    try {
                        rates.push(rate == null ? rates.peek() : rates.peek() * parseRate(rate));
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage());
                    }
                }
                default -> throw error("unsupported element <" + name + ">; supported: speak, p, s, break, say-as, prosody");
            }
            open.push(name);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flush();
            String name = open.pop();
            rates.pop();
            if (name.equals("say-as")) {
                sayAs = SayAs.NORMAL;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if ("break".equals(open.peek()) && !new String(ch, start, length).isBlank()) {
                throw error("<break> must be empty");
            }
            text.append(ch, start, length);
        }

        private void flush() {
            String t = text.toString().strip().replaceAll("\\s+", " ");
            text.setLength(0);
            if (!t.isEmpty() && !open.isEmpty()) {
                segments.add(new Segment.Spoken(t, sayAs, rates.peek()));
            }
        }

        private SAXParseException error(String message) {
            return new SAXParseException(message, locator);
        }
    }
}
