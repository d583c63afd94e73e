package io.pitaya.it;

import java.net.URI;

/** {@link ProtobufConformanceTests} over the WebSocket acceptor. */
class ProtobufConformanceWebSocketIT extends ProtobufConformanceTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
