package io.switchboard.sip.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 127.0.0.0/8} or {@code ::1/128}. */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        try {
            InetAddress a = literal(slash < 0 ? t : t.substring(0, slash), text);
            byte[] bytes = a.getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Cidr(bytes, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address or CIDR: " + text);
        }
    }

    /** Only address literals: a host name would mean a DNS lookup at start-up (and "" means localhost to the JDK). */
    private static InetAddress literal(String s, String text) throws UnknownHostException {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = s.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    throw new IllegalArgumentException("not an address or CIDR: " + text);
                }
                b[i] = (byte) v;
            }
            return InetAddress.getByAddress(b);
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
            return InetAddress.getByName("[" + s + "]"); // brackets: parsed as IPv6, never looked up
        }
        throw new IllegalArgumentException("not an address or CIDR: " + text);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            return java.util.Arrays.toString(network) + "/" + prefix;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
