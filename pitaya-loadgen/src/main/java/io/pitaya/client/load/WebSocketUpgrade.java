package io.pitaya.client.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/** The client half of the RFC 6455 opening handshake: the upgrade request and the check of the answer. */
final class WebSocketUpgrade {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final String expectedAccept;
    final byte[] request;

    private WebSocketUpgrade(String key, String hostHeader, String path) {
        this.expectedAccept = acceptFor(key);
        this.request = ("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A fresh upgrade with a random 16-byte key (RFC 6455 §4.1). */
    static WebSocketUpgrade create(SplittableRandom random, String hostHeader, String path) {
        byte[] nonce = new byte[16];
        for (int i = 0; i < nonce.length; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8; j++) {
                nonce[i + j] = (byte) (r >>> (8 * j));
            }
        }
        return new WebSocketUpgrade(Base64.getEncoder().encodeToString(nonce), hostHeader, path);
    }

    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks the server's HTTP answer (status line and headers, without the blank line).
     * Returns null when the upgrade succeeded, else a one-line reason.
     */
    String check(String head) {
        String[] lines = head.split("\r\n");
        String status = lines.length == 0 ? "" : lines[0];
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("101")) {
            return "WebSocket upgrade refused: " + status;
        }
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = lines[i].substring(colon + 1).trim();
            }
        }
        if (!expectedAccept.equals(accept)) {
            return "WebSocket upgrade: bad Sec-WebSocket-Accept " + accept;
        }
        return null;
    }
}
