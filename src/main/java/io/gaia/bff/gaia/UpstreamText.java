package io.gaia.bff.gaia;

import java.nio.charset.StandardCharsets;

/**
 * Values a client chooses that travel to Gaia inside a URL (a dataset name in the path, the prefix
 * in the query): what they may contain, and how they are written so that each arrives as exactly the
 * literal the client sent. Encoding is done here, strictly (everything but RFC 3986's unreserved
 * characters), instead of by the REST client, which leaves characters such as ';', '+' and ':' as
 * they are: some servers read "a;b" in a path as "a" with a parameter, and "..;" as "..".
 * <p>
 * The patterns also reach the OpenAPI document, where generated clients check input with them as
 * JavaScript regular expressions (orval's zod schemas: {@code new RegExp(pattern)}, no flags). So each
 * is anchored (JSON Schema finds a pattern anywhere in the value, Bean Validation matches it whole)
 * and spells its ranges out: without the u flag, {@code \p{Cc}} is the letters p, C, c and braces.
 */
public final class UpstreamText {

    /** The C0 and C1 controls with DEL (Unicode's Cc), the line separator and the paragraph separator, as a class body. */
    private static final String CONTROL_OR_SEPARATOR = "\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029";

    /**
     * No control characters (C0, DEL, C1) and no line or paragraph separators: nothing that could end
     * a line of an HTTP request or a log entry.
     */
    public static final String NO_CONTROL_CHARACTERS = "^[^" + CONTROL_OR_SEPARATOR + "]*$";

    /**
     * Printable ASCII only: what an HTTP header value (the apiKey header) carries as it is. The HTTP
     * client would send any other character as '?', so Gaia would see, and might echo, a key that no
     * longer matches the one to cut out of its messages.
     */
    public static final String PRINTABLE_ASCII = "^[\\x20-\\x7E]*$";

    /**
     * One non-empty path segment: no control characters, no slash or backslash (an upstream proxy might
     * decode %2F and route by it), and not "." or "..", which are dot segments however they are encoded.
     */
    public static final String PATH_SEGMENT = "^(?!\\.{1,2}$)[^/\\\\" + CONTROL_OR_SEPARATOR + "]+$";

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
