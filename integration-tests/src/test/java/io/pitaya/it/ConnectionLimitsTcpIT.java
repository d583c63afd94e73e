package io.pitaya.it;

import java.net.URI;

/** {@link ConnectionLimitsTests} over the TCP acceptor (JCA resource adapter). */
class ConnectionLimitsTcpIT extends ConnectionLimitsTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
