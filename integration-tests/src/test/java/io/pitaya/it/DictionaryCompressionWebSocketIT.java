package io.pitaya.it;

import java.net.URI;

/** {@link DictionaryCompressionTests} over the WebSocket acceptor. */
class DictionaryCompressionWebSocketIT extends DictionaryCompressionTests {
    @Override
    URI endpoint() {
        return Deployments.WS;
    }
}
