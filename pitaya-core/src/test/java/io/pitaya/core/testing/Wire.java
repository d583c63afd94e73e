package io.pitaya.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex and text helpers for byte-exact assertions. */
public final class Wire {

    private Wire() {
    }

    /** Parses hex, ignoring whitespace. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
