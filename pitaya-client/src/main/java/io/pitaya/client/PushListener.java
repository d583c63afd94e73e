package io.pitaya.client;

/**
 * Receives server pushes. Invoked on the client's listener thread (never on the I/O thread), in the order
 * the pushes arrived.
 */
@FunctionalInterface
public interface PushListener {

    /**
     * @param route the push route (resolved through the handshake dictionary if it was compressed)
     * @param data  the payload, already inflated if the server compressed it
     */
    void onPush(String route, byte[] data);
}
