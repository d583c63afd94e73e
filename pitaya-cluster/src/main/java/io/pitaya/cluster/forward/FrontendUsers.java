package io.pitaya.cluster.forward;

import io.pitaya.api.Session;
import io.pitaya.cluster.protos.KickMsg;
import io.pitaya.cluster.protos.Push;
import io.pitaya.cluster.rpc.NatsRpcServer;
import io.pitaya.cluster.rpc.UserMessageHandler;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.session.SessionPool;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A frontend's bound users as other servers reach them: a bind subscribes the user's push and kick subjects (as
 * Pitaya's frontends do), a close unsubscribes; a push goes to the user's connection as it came (already serialized
 * by its sender), a kick kicks the user.
 */
public final class FrontendUsers implements UserMessageHandler, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FrontendUsers.class.getName());

    private final SessionPool sessions;
    private final NatsRpcServer rpc;
    private final Map<String, Subscribed> subscriptions = new ConcurrentHashMap<>();
    private final AutoCloseable bindListener;
    private final AutoCloseable closeListener;

    /** A user's push and kick subscription and the session (by id) it serves now. */
    private record Subscribed(long sessionId, AutoCloseable subscription) {
    }

    private FrontendUsers(SessionPool sessions, NatsRpcServer rpc) {
        this.sessions = sessions;
        this.rpc = rpc;
        this.bindListener = sessions.listeners().onAfterBind(this::bound)::remove; // after a veto could undo it
        this.closeListener = sessions.listeners().onClose(this::closed)::remove;
    }

    public static FrontendUsers listen(SessionPool sessions, NatsRpcServer rpc) {
        return new FrontendUsers(sessions, rpc);
    }

    private void bound(Session session) {
        String uid = session.uid();
        if (uid != null && session instanceof LinkedSession linked && linked.isLocal()) {
            // a re-login of the uid takes the subscription over: the old session's close must not drop it
            subscriptions.compute(uid, (u, old) -> new Subscribed(session.id(),
                    old != null ? old.subscription() : rpc.subscribeUser(u, this)));
        }
    }

    private void closed(Session session) {
        String uid = session.uid();
        if (uid == null) {
            return;
        }
        subscriptions.computeIfPresent(uid, (u, current) -> {
            if (current.sessionId() != session.id()) {
                return current; // a newer session of the uid owns it
            }
            close(current.subscription());
            return null;
        });
    }

    @Override
    public void push(Push push) {
        local(push.getUid()).ifPresent(s -> s.link().push(push.getRoute(), push.getData().toByteArray()));
    }

    @Override
    public boolean kick(KickMsg kick) {
        Optional<LinkedSession> session = local(kick.getUserId());
        session.ifPresent(s -> s.link().kick());
        return session.isPresent();
    }

    private Optional<LinkedSession> local(String uid) {
        return sessions.byUid(uid).filter(LinkedSession.class::isInstance).map(LinkedSession.class::cast);
    }

    @Override
    public void close() {
        close(bindListener);
        close(closeListener);
        subscriptions.values().forEach(s -> close(s.subscription()));
        subscriptions.clear();
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "unsubscribing failed", e);
        }
    }
}
