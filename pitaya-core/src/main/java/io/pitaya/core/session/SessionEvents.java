package io.pitaya.core.session;

import io.pitaya.api.Session;

/**
 * Where the registry reports session events besides its programmatic listeners: in the container, the CDI bridge
 * ({@link io.pitaya.core.session.cdi.CdiSessionEvents}) turns them into CDI events.
 */
public interface SessionEvents {

    /** A bind is about to take effect; throwing vetoes it. */
    void binding(Session session, String uid);

    /** A bind took effect; throwing undoes it. */
    void bound(Session session, String uid);

    /** A session closed (runs on its mailbox, after its own close callbacks). */
    void closed(Session session, String reason);

    SessionEvents NONE = new SessionEvents() {
        @Override
        public void binding(Session session, String uid) {
        }

        @Override
        public void bound(Session session, String uid) {
        }

        @Override
        public void closed(Session session, String reason) {
        }
    };
}
