package io.boxoffice.platform.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A block of IPv4 or IPv6 addresses such as {@code 10.0.0.0/8}, {@code 2001:db8::/32} or one address. */
record Cidr(byte[] network, int prefix) {

    /** Reads a CIDR block or a single address; the text must be numeric, never a host name. */
    static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = numeric(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix out of range");
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    /** Whether {@code address} (numeric) lies in this block. */
    boolean contains(String address) {
        byte[] bytes = numeric(address);
        return bytes != null && bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /** The bytes of a numeric IPv4 or IPv6 address, or null for anything else (no name lookups). */
    static byte[] numeric(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        boolean ipv6 = address.indexOf(':') >= 0;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean allowed = ipv6
                    ? Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '[' || c == ']'
                    : Character.isDigit(c) || c == '.';
            if (!allowed) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(address).getAddress(); // numeric: parsed, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefix == cidr.prefix && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
