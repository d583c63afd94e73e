package io.pitaya.client.load;

/** The WebSocket frame opcodes the load generator reads or writes (RFC 6455, section 5.2). */
final class WebSocketOpcode {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private WebSocketOpcode() {
    }
}
