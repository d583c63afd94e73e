package io.pitaya.cluster.session;

import io.pitaya.api.Session;
import io.pitaya.cluster.protos.BindMsg;
import io.pitaya.cluster.rpc.NatsRpcClient;
import io.pitaya.cluster.rpc.NatsRpcServer;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.session.SessionPool;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's unique-session module ({@code pitaya.session.unique}, a frontend in cluster mode): a user is connected to
 * one frontend of a type at a time, the last login wins. While a session of this frontend binds, an older session of
 * the uid here is kicked; otherwise the bind is announced with {@code BindMsg{uid, fid: this server}} on
 * {@code pitaya/<type>/bindings}, and every other frontend of the type kicks its session of that uid. Frontends of
 * other types do not kick each other. A bind whose announcement cannot be published (NATS down) fails, as in Pitaya.
 */
public final class UniqueSessions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UniqueSessions.class.getName());

    private final ServerDescriptor self;
    private final SessionPool sessions;
    private final NatsRpcClient client;
    private final AutoCloseable bindListener;
    private final AutoCloseable bindings;

    private UniqueSessions(ServerDescriptor self, SessionPool sessions, NatsRpcClient client, NatsRpcServer server) {
        this.self = self;
        this.sessions = sessions;
        this.client = client;
        this.bindings = server.subscribeBindings(this::boundElsewhere);
        this.bindListener = sessions.listeners().onBind(this::binding)::remove;
    }

    /** Subscribes this frontend's type's bindings subject and watches the binds of this server's sessions. */
    public static UniqueSessions start(ServerDescriptor self, SessionPool sessions, NatsRpcClient client,
                                       NatsRpcServer server) {
        return new UniqueSessions(self, sessions, client, server);
    }

    /** A before-bind listener, as Pitaya's: it sees the new uid; throwing vetoes the bind. */
    private void binding(Session session) {
        if (!(session instanceof LinkedSession linked) || !linked.isLocal()) {
            return;
        }
        String uid = session.uid();
        Session older = sessions.byUid(uid).filter(s -> s.id() != session.id()).orElse(null);
        if (older != null) {
            older.kick(); // the user was here: nobody else can hold it, no announcement (as in Pitaya)
        } else {
            client.broadcastBind(uid);
        }
    }

    private void boundElsewhere(BindMsg bind) {
        if (bind.getFid().equals(self.id())) {
            return; // our own announcement
        }
        sessions.byUid(bind.getUid()).ifPresent(session -> {
            LOG.fine(() -> "user " + bind.getUid() + " bound on " + bind.getFid() + ": kicking its session here");
            session.kick();
        });
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : new AutoCloseable[]{bindListener, bindings}) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "unsubscribing failed", e);
            }
        }
    }
}
