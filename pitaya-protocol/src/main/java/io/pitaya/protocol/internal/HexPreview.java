package io.pitaya.protocol.internal;

import java.util.HexFormat;

/** Bounded hex rendering for toString(): a 16 MiB body must not end up in a log line. */
public final class HexPreview {

    private static final int MAX_BYTES = 64;

    private HexPreview() {
    }

    public static String of(byte[] bytes) {
        int shown = Math.min(bytes.length, MAX_BYTES);
        String hex = HexFormat.of().formatHex(bytes, 0, shown);
        return shown == bytes.length ? hex : hex + "...(" + bytes.length + " bytes)";
    }
}
