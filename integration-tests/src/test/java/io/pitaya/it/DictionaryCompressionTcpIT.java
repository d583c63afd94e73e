package io.pitaya.it;

import java.net.URI;

/** {@link DictionaryCompressionTests} over the TCP acceptor (JCA resource adapter). */
class DictionaryCompressionTcpIT extends DictionaryCompressionTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
