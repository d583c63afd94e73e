package io.pitaya.jca.tcp.nio;

import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/**
 * What the acceptor tests share: a fake core, a runner for the acceptor's loops, the acceptor under test and the
 * clients to close after each test.
 */
abstract class AcceptorTestSupport {

    final FakeCore core = new FakeCore();
    final ThreadRunner runner = new ThreadRunner();
    final List<AutoCloseable> toClose = new ArrayList<>();
    TcpAcceptor acceptor;

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (acceptor != null) {
            acceptor.close();
        }
        core.close();
    }
}
