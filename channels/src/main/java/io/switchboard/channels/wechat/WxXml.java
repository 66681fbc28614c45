package io.switchboard.channels.wechat;

import io.switchboard.channels.spi.ChannelException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * WeChat's flat {@code <xml><Field>value</Field>…</xml>} bodies. A body is untrusted input, so the JDK parser runs
 * with DTDs, external entities and XInclude off (no XXE, no entity expansion); writing uses CDATA as WeChat does.
 */
public final class WxXml {
    private static final DocumentBuilderFactory FACTORY = factory();
    /** A builder per thread, reset before each use: creating one per body cost as much as the parse itself. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = new ThreadLocal<>();

    private WxXml() {
    }

    /** The root's child elements as field → text. */
    public static Map<String, String> parse(byte[] body) {
        try {
            DocumentBuilder b = BUILDER.get();
            if (b == null) {
                synchronized (FACTORY) {
                    b = FACTORY.newDocumentBuilder();
                }
                BUILDER.set(b);
            } else {
                b.reset();
            }
            b.setErrorHandler(null);
            Element root = b.parse(new ByteArrayInputStream(body)).getDocumentElement();
            Map<String, String> fields = new LinkedHashMap<>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE) {
                    fields.put(n.getNodeName(), n.getTextContent().trim());
                }
            }
            return fields;
        } catch (SAXException | java.io.IOException | ParserConfigurationException e) {
            throw ChannelException.malformed("body is not WeChat XML: " + e.getMessage());
        }
    }

    public static Map<String, String> parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code <xml>} with each value as CDATA (numbers too: WeChat accepts both). */
    public static String write(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("<xml>");
        fields.forEach((k, v) -> sb.append('<').append(k).append("><![CDATA[")
                .append(v.replace("]]>", "]]]]><![CDATA[>")).append("]]></").append(k).append('>'));
        return sb.append("</xml>").toString();
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be secured", e);
        }
    }
}
