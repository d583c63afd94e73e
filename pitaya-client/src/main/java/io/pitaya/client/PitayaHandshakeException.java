package io.pitaya.client;

/** The server answered the handshake with a code other than 200 (Pitaya sends 400 on a rejected handshake). */
public class PitayaHandshakeException extends PitayaClientException {

    private static final long serialVersionUID = 1L;

    private final int handshakeCode;

    public PitayaHandshakeException(int handshakeCode) {
        super("PIT-" + handshakeCode, "handshake rejected by server with code " + handshakeCode);
        this.handshakeCode = handshakeCode;
    }

    /** The {@code code} field of the server's handshake response, e.g. 400. */
    public int handshakeCode() {
        return handshakeCode;
    }
}
