package io.switchboard.sip.message;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import java.text.ParseException;
import javax.sip.header.Header;

/** Parses header text into JAIN-SIP header objects. */
public final class Headers {
    private static final HeaderFactoryImpl FACTORY = new HeaderFactoryImpl();

    private Headers() {
    }

    public static Header parse(String name, String value) {
        try {
            return FACTORY.createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad " + name + " header value: " + value, e);
        }
    }

    public static HeaderFactoryImpl factory() {
        return FACTORY;
    }
}
