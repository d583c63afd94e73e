package io.pitaya.core.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the session pool takes new connections: paused by drains that end, stopped for good by the shutdown. */
class AcceptingTest {

    private final SessionPool sessions = new SessionPool();

    @Test
    void pausesNestAndEachResumesOnce() {
        Runnable first = sessions.gate().pauseAccepting();
        Runnable second = sessions.gate().pauseAccepting();
        assertThat(sessions.gate().isAccepting()).isFalse();

        first.run();
        first.run(); // a second run does not resume the other pause
        assertThat(sessions.gate().isAccepting()).isFalse();

        second.run();
        assertThat(sessions.gate().isAccepting()).isTrue();
    }

    @Test
    void stoppingIsForGoodEvenWhenAPauseEnds() {
        Runnable pause = sessions.gate().pauseAccepting();
        sessions.gate().stopAccepting();

        pause.run();

        assertThat(sessions.gate().isAccepting()).isFalse();
    }
}
