package io.pitaya.it;

import java.net.URI;

/** {@link SessionsShutdownTests} over the TCP acceptor (JCA resource adapter). */
class SessionsShutdownTcpIT extends SessionsShutdownTests {
    @Override
    URI endpoint() {
        return Deployments.TCP;
    }
}
