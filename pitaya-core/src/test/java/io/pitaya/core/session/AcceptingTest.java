package io.pitaya.core.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the session pool takes new connections: paused by drains that end, stopped for good by the shutdown. */
class AcceptingTest {

    private final SessionRegistry sessions = new SessionRegistry();

    @Test
    void pausesNestAndEachResumesOnce() {
        Runnable first = sessions.pauseAccepting();
        Runnable second = sessions.pauseAccepting();
        assertThat(sessions.isAccepting()).isFalse();

        first.run();
        first.run(); // a second run does not resume the other pause
        assertThat(sessions.isAccepting()).isFalse();

        second.run();
        assertThat(sessions.isAccepting()).isTrue();
    }

    @Test
    void stoppingIsForGoodEvenWhenAPauseEnds() {
        Runnable pause = sessions.pauseAccepting();
        sessions.stopAccepting();

        pause.run();

        assertThat(sessions.isAccepting()).isFalse();
    }
}
