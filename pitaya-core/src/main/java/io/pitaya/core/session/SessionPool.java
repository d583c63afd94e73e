package io.pitaya.core.session;

import io.pitaya.api.Handshake;
import io.pitaya.api.HandshakeValidator;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Registration;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sessions of this server (Pitaya's session pool) as applications see them ({@link Sessions}): made of the
 * {@link SessionIndex} (by id and uid), the {@link SessionListeners}, the {@link HandshakeValidators} and the
 * {@link ShutdownGate}. It opens a session for each new link and forgets it when the link closes.
 */
public final class SessionPool implements Sessions {

    private static final Logger LOG = Logger.getLogger(SessionPool.class.getName());

    private final SessionIndex index = new SessionIndex();
    private final SessionListeners listeners = new SessionListeners();
    private final HandshakeValidators validators = new HandshakeValidators();
    private final ShutdownGate gate = new ShutdownGate();
    private volatile Messaging messaging = new Messaging(UserMessenger.LOCAL_ONLY, null);

    /** Where pushes and kicks for users not connected here go, and the serializer for their payloads. */
    private record Messaging(UserMessenger messenger, Serializer serializer) {
    }

    public SessionIndex index() {
        return index;
    }

    public SessionListeners listeners() {
        return listeners;
    }

    public HandshakeValidators validators() {
        return validators;
    }

    public ShutdownGate gate() {
        return gate;
    }

    /**
     * Reaches users connected to other servers through {@code messenger} (cluster mode), serializing their payloads
     * with {@code serializer}; {@link UserMessenger#LOCAL_ONLY} (the default) goes back to standalone.
     */
    public void userMessenger(UserMessenger messenger, Serializer serializer) {
        this.messaging = new Messaging(Objects.requireNonNull(messenger, "messenger"), serializer);
    }

    public UserMessenger userMessenger() {
        return messaging.messenger();
    }

    /** Session ids start at 1, like Pitaya's. */
    public long nextId() {
        return index.nextId();
    }

    /**
     * Opens and indexes the session of a new link (a new connection) whose id came from {@link #nextId()}.
     *
     * @param pool   where the session's mailbox runs its work
     * @param linked gives the link its session; runs before the session is indexed, so that whoever finds the
     *               session (a shutdown closing every link) finds a link that knows it
     * @throws IllegalStateException while the server drains: acceptors then close the connection
     */
    public LinkedSession open(long id, SessionLink link, Serializer serializer, Executor pool,
                              Consumer<? super LinkedSession> linked) {
        if (!gate.isAccepting()) {
            throw new IllegalStateException("server is draining: new connections are refused");
        }
        LinkedSession session = new LinkedSession(id, true, link, this, serializer, pool);
        linked.accept(session);
        index.add(session);
        return session;
    }

    /**
     * A session of a player connected to another server (cluster mode: a backend's view of a frontend's session, made
     * from what the forwarded message carries). Not indexed here; it hears this server's bind listeners, and its bind
     * takes effect through {@link SessionLink#bindRemotely}.
     *
     * @param uid the uid the frontend has bound, or null
     */
    public LinkedSession remote(long id, String uid, SessionLink link, Serializer serializer, Executor pool) {
        LinkedSession session = new LinkedSession(id, false, link, this, serializer, pool);
        if (uid != null) {
            session.bound(uid);
        }
        return session;
    }

    /** Forgets a session whose link closed and runs its close callbacks, then the global close listeners. */
    public void closed(LinkedSession session) {
        if (!index.remove(session)) {
            return;
        }
        String uid;
        synchronized (session) {
            // LinkedSession.bind holds this lock from its "still open?" check until its uid is indexed: waiting for
            // it here means a bind racing this close either fails that check or has its uid removed just below
            uid = session.uid();
        }
        if (uid != null) {
            index.unbindUid(uid, session);
        }
        gate.closeWorkStarted();
        session.closed();
    }

    boolean isOpen(LinkedSession session) {
        return index.contains(session);
    }

    /** Makes {@code session} reachable by {@code uid}, closing an older session of that uid. Caller holds the session's lock. */
    void bindUid(LinkedSession session, String uid) {
        if (!isOpen(session)) {
            // binding a session that already closed would leak its uid into the index
            throw new PitayaException(PitayaException.UNKNOWN, "session is closed");
        }
        LinkedSession previous = index.bindUid(uid, session);
        if (previous != null) {
            previous.link().close("uid " + uid + " bound by a newer session");
        }
    }

    /**
     * Runs the handshake validators; throws to reject the handshake (the agent answers 400 and closes). A draining
     * server rejects every handshake.
     */
    public void validateHandshake(LinkedSession session, Handshake handshake) {
        if (!gate.isAccepting()) {
            throw new IllegalStateException("server is draining: new handshakes are refused");
        }
        validators.validate(session, handshake);
    }

    /** Waits until no session is left, at most {@code timeout}; true when none is. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        return gate.await(timeout, index::isEmpty);
    }

    // --- Sessions ------------------------------------------------------------------------------------------

    public Optional<LinkedSession> local(long id) {
        return Optional.ofNullable(index.byId(id));
    }

    @Override
    public Optional<Session> byId(long id) {
        return Optional.ofNullable(index.byId(id));
    }

    @Override
    public Optional<Session> byUid(String uid) {
        return Optional.ofNullable(index.byUid(uid));
    }

    @Override
    public int count() {
        return index.count();
    }

    @Override
    public void forEach(Consumer<? super Session> action) {
        for (LinkedSession session : index.sessions()) {
            action.accept(session);
        }
    }

    public Collection<LinkedSession> all() {
        return index.snapshot();
    }

    @Override
    public List<String> pushToUsers(String route, Object payload, Collection<String> uids) {
        Objects.requireNonNull(route, "route");
        List<String> failed = new ArrayList<>();
        byte[] data = payload instanceof byte[] raw ? raw : null;
        for (String uid : uids) {
            LinkedSession session = index.byUid(uid);
            if (session == null) {
                failed.add(uid);
                continue;
            }
            if (data == null) {
                data = session.serializer().marshal(payload); // once for every user, as Pitaya does
            }
            if (!session.push(route, data)) {
                failed.add(uid);
            }
        }
        if (!failed.isEmpty()) {
            LOG.log(Level.FINE, "push to users on {0}: not reached {1}", new Object[]{route, failed});
        }
        return failed;
    }

    @Override
    public List<String> kickUsers(Collection<String> uids) {
        List<String> failed = new ArrayList<>();
        for (String uid : uids) {
            LinkedSession session = index.byUid(uid);
            if (session == null || session.isClosed()) {
                failed.add(uid);
            } else {
                session.kick();
            }
        }
        return failed;
    }

    @Override
    public List<String> pushToUsers(String route, Object payload, Collection<String> uids, String frontendType) {
        Objects.requireNonNull(route, "route");
        requireType(frontendType);
        Messaging m = messaging;
        boolean here = m.messenger().holdsUsersOf(frontendType);
        List<String> failed = new ArrayList<>();
        byte[] data = payload instanceof byte[] raw ? raw : null;
        for (String uid : uids) {
            LinkedSession session = here ? index.byUid(uid) : null;
            if (data == null) {
                Serializer serializer = session != null ? session.serializer() : m.serializer();
                if (serializer == null) { // standalone and no session here: nobody to serialize for
                    failed.add(uid);
                    continue;
                }
                data = serializer.marshal(payload); // once for every user, as Pitaya does
            }
            boolean sent = session != null ? session.push(route, data) : m.messenger().push(frontendType, uid, route, data);
            if (!sent) {
                failed.add(uid);
            }
        }
        if (!failed.isEmpty()) {
            LOG.log(Level.FINE, "push to users on {0} ({1}): not reached {2}", new Object[]{route, frontendType, failed});
        }
        return failed;
    }

    @Override
    public List<String> kickUsers(Collection<String> uids, String frontendType) {
        requireType(frontendType);
        UserMessenger messenger = messaging.messenger();
        boolean here = messenger.holdsUsersOf(frontendType);
        List<String> failed = new ArrayList<>();
        for (String uid : uids) {
            LinkedSession session = here ? index.byUid(uid) : null;
            if (session != null && !session.isClosed()) {
                session.kick();
            } else if (!messenger.kick(frontendType, uid)) {
                failed.add(uid);
            }
        }
        return failed;
    }

    private static void requireType(String frontendType) {
        if (frontendType == null || frontendType.isBlank()) {
            throw new IllegalArgumentException("a frontend server type is required");
        }
    }

    @Override
    public Registration onBind(Consumer<? super Session> listener) {
        return listeners.onBind(listener);
    }

    @Override
    public Registration onAfterBind(Consumer<? super Session> listener) {
        return listeners.onAfterBind(listener);
    }

    @Override
    public Registration onClose(Consumer<? super Session> listener) {
        return listeners.onClose(listener);
    }

    @Override
    public Registration addHandshakeValidator(String name, HandshakeValidator validator) {
        return validators.add(name, validator);
    }
}
