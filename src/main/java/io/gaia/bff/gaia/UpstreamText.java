package io.gaia.bff.gaia;

import java.nio.charset.StandardCharsets;

/**
 * Values a client chooses that travel to Gaia inside a URL (a dataset name in the path, the prefix
 * in the query): what they may contain, and how they are written so that each arrives as exactly the
 * literal the client sent. Encoding is done here, strictly (everything but RFC 3986's unreserved
 * characters), instead of by the REST client, which leaves characters such as ';', '+' and ':' as
 * they are: some servers read "a;b" in a path as "a" with a parameter, and "..;" as "..".
 */
public final class UpstreamText {

    /**
     * No control characters (C0, DEL, C1) and no line or paragraph separators: nothing that could end
     * a line of an HTTP request or a log entry.
     */
    public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}\\p{Zl}\\p{Zp}]*";

    /**
     * Printable ASCII only: what an HTTP header value (the apiKey header) carries as it is. The HTTP
     * client would send any other character as '?', so Gaia would see, and might echo, a key that no
     * longer matches the one to cut out of its messages.
     */
    public static final String PRINTABLE_ASCII = "[\\x20-\\x7E]*";

    /**
     * One non-empty path segment: no control characters, no slash or backslash (an upstream proxy might
     * decode %2F and route by it), and not "." or "..", which are dot segments however they are encoded.
     */
    public static final String PATH_SEGMENT = "(?!\\.{1,2}$)[^/\\\\\\p{Cc}\\p{Zl}\\p{Zp}]+";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UpstreamText() {
    }

    /** Percent-encodes every byte of the UTF-8 form except A-Z a-z 0-9 - . _ ~ (usable in a path segment or a query value). */
    public static String encode(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
