package io.pitaya.it;

import java.net.URI;

/** {@link ProtobufConformanceTests} over the TCP acceptor (JCA resource adapter). */
class ProtobufConformanceTcpIT extends ProtobufConformanceTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
