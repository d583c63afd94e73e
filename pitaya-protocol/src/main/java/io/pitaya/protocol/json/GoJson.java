package io.pitaya.protocol.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Byte-exact helpers mimicking Go's encoding/json, for documents whose bytes clients or tests compare:
 * Go escapes HTML characters and sorts map keys by UTF-8 bytes.
 */
public final class GoJson {

    /** Code-point order equals UTF-8 byte order, which is how Go sorts map keys (String.compareTo is UTF-16). */
    public static final Comparator<String> KEY_ORDER = GoJson::compareCodePoints;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /**
     * Writes a tree of maps with string keys, collections, strings, booleans, numbers and {@code null} as Go's
     * {@code json.Marshal} writes the same {@code map[string]interface{}}: compact, keys in Go's order.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            for (Object k : map.keySet()) {
                keys.add((String) k);
            }
            keys.sort(KEY_ORDER);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                appendString(out.append(i == 0 ? "" : ","), keys.get(i)).append(':');
                write(map.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "" : ",");
                first = false;
                write(item, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON tree value: " + value.getClass().getName());
        }
    }

    /** Appends {@code s} as a JSON string literal exactly as Go's encoder would. */
    public static StringBuilder appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                // HTML-sensitive characters and the JS line separators, escaped by Go by default.
                case '<', '>', '&', '\u2028', '\u2029' -> appendUnicode(sb, c);
                default -> {
                    if (c < 0x20) {
                        appendUnicode(sb, c);
                    } else if (Character.isSurrogate(c)) {
                        i = appendSurrogate(sb, s, i);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    // A valid pair is copied; a lone surrogate is invalid UTF-16, which Go would see as invalid UTF-8 → \ufffd.
    private static int appendSurrogate(StringBuilder sb, String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        sb.append("\\ufffd");
        return i;
    }

    private static void appendUnicode(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
