package io.pitaya.core.session;

import io.pitaya.api.Handshake;
import io.pitaya.api.HandshakeValidator;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Registration;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;
import io.pitaya.core.agent.Agent;
import io.pitaya.core.handler.InvocationScope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sessions connected to this server (Pitaya's session pool): indexed by id and by bound uid, with the bind and
 * close listeners, the handshake validators, pushes and kicks by uid, and what shutdown needs (refusing new
 * connections while draining, waiting for close callbacks).
 */
public final class SessionRegistry implements Sessions {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, LocalSession> byId = new ConcurrentHashMap<>();
    private final Map<String, LocalSession> byUid = new ConcurrentHashMap<>();
    private final List<Consumer<? super Session>> bindListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super Session>> afterBindListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super Session>> closeListeners = new CopyOnWriteArrayList<>();
    private final HandshakeValidators validators = new HandshakeValidators();
    private volatile SessionEvents events = SessionEvents.NONE;
    private volatile InvocationScope closeScope = InvocationScope.NONE;
    /** Set for good when the server's shutdown begins. */
    private volatile boolean closing;
    /** Drains in progress that refuse newcomers for a while ({@link #pauseAccepting()}). */
    private final AtomicInteger pauses = new AtomicInteger();

    /** Notified whenever a session leaves or finishes its close work; guards {@link #closeWorkPending}. */
    private final Object changes = new Object();
    private int closeWorkPending;

    /** Session ids start at 1, like Pitaya's. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Registers the session of a new connection.
     *
     * @throws IllegalStateException while the server drains: acceptors then close the connection
     */
    public LocalSession open(Agent agent, Serializer serializer, Executor pool) {
        if (!isAccepting()) {
            throw new IllegalStateException("server is draining: new connections are refused");
        }
        LocalSession session = new LocalSession(agent, this, serializer, pool);
        byId.put(session.id(), session);
        return session;
    }

    /** Forgets a closed session and runs its close callbacks, then the global close listeners. */
    public void closed(long id) {
        LocalSession session = byId.remove(id);
        if (session == null) {
            return;
        }
        String uid;
        synchronized (session) {
            // LocalSession.bind holds this lock from its "still open?" check until its uid is indexed: waiting for
            // it here means a bind racing this close either fails that check or has its uid removed just below
            uid = session.uid();
        }
        if (uid != null) {
            // only if it still points at this session: a quick reconnect may already own the uid
            byUid.remove(uid, session);
        }
        synchronized (changes) {
            closeWorkPending++;
            changes.notifyAll();
        }
        session.closed();
    }

    /** Called by a session once its close callbacks and listeners have all run. */
    void closeWorkDone() {
        synchronized (changes) {
            closeWorkPending--;
            changes.notifyAll();
        }
    }

    boolean isOpen(LocalSession session) {
        return byId.get(session.id()) == session;
    }

    // --- bind ----------------------------------------------------------------------------------------------

    /** Before-bind listeners, then {@code SessionBinding} observers; the first exception vetoes the bind. */
    void beforeBind(LocalSession session, String uid) {
        for (Consumer<? super Session> listener : bindListeners) {
            listener.accept(session);
        }
        events.binding(session, uid);
    }

    /** Makes {@code session} reachable by {@code uid}, closing an older session of that uid. Caller holds the session's lock. */
    void index(LocalSession session, String uid) {
        if (!isOpen(session)) {
            // binding a session that already closed would leak its uid into the index
            throw new PitayaException(PitayaException.UNKNOWN, "session is closed");
        }
        LocalSession previous = byUid.put(uid, session);
        if (previous != null && previous != session) {
            previous.agent().close("uid " + uid + " bound by a newer session");
        }
    }

    /** Undoes {@link #index} after a failed after-bind listener. Caller holds the session's lock. */
    void unindex(LocalSession session, String uid) {
        byUid.remove(uid, session);
    }

    /** After-bind listeners, then {@code SessionBound} observers; the first exception undoes the bind. */
    void afterBind(LocalSession session, String uid) {
        for (Consumer<? super Session> listener : afterBindListeners) {
            listener.accept(session);
        }
        events.bound(session, uid);
    }

    /**
     * Runs a session's close work inside the invocation scope (in the container: a CDI request context in which the
     * injected {@code Session} is the closed session, as during its handler calls). If the scope cannot be entered
     * (the application is going away) the work still runs, without it.
     */
    void inCloseScope(LocalSession session, Runnable work) {
        boolean[] ran = {false};
        try {
            closeScope.call(session, () -> {
                ran[0] = true;
                work.run();
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            if (ran[0]) {
                LOG.log(Level.FINE, "leaving the close scope of session " + session.id() + " failed", e);
            } else {
                LOG.log(Level.FINE, "no close scope for session " + session.id() + ", running its close work without it", e);
                work.run();
            }
        }
    }

    /** Where close callbacks and listeners run (the CDI request context of the container); none by default. */
    public void closeScope(InvocationScope scope) {
        this.closeScope = scope == null ? InvocationScope.NONE : scope;
    }

    /** Global close listeners, then {@code SessionClosed} observers; failures are logged. Runs on the session's mailbox. */
    void runCloseListeners(LocalSession session, String reason) {
        for (Consumer<? super Session> listener : closeListeners) {
            try {
                listener.accept(session);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.log(Level.WARNING, "session close listener failed for session " + session.id(), e);
            }
        }
        try {
            events.closed(session, reason);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.log(Level.WARNING, "SessionClosed observer failed for session " + session.id(), e);
        }
    }

    // --- handshake -----------------------------------------------------------------------------------------

    /**
     * Runs the handshake validators; throws to reject the handshake (the agent answers 400 and closes). A draining
     * server rejects every handshake.
     */
    public void validateHandshake(LocalSession session, Handshake handshake) {
        if (!isAccepting()) {
            throw new IllegalStateException("server is draining: new handshakes are refused");
        }
        validators.validate(session, handshake);
    }

    public HandshakeValidators validators() {
        return validators;
    }

    // --- Sessions ------------------------------------------------------------------------------------------

    public Optional<LocalSession> local(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Session> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Session> byUid(String uid) {
        return uid == null ? Optional.empty() : Optional.ofNullable(byUid.get(uid));
    }

    @Override
    public int count() {
        return byId.size();
    }

    @Override
    public void forEach(Consumer<? super Session> action) {
        for (LocalSession session : byId.values()) {
            action.accept(session);
        }
    }

    public Collection<LocalSession> all() {
        return List.copyOf(byId.values());
    }

    /** The agents of all sessions, for the heartbeat monitor. */
    public List<Agent> agents() {
        List<Agent> agents = new ArrayList<>(byId.size());
        for (LocalSession s : byId.values()) {
            agents.add(s.agent());
        }
        return agents;
    }

    @Override
    public List<String> pushToUsers(String route, Object payload, Collection<String> uids) {
        Objects.requireNonNull(route, "route");
        List<String> failed = new ArrayList<>();
        byte[] data = payload instanceof byte[] raw ? raw : null;
        for (String uid : uids) {
            LocalSession session = uid == null ? null : byUid.get(uid);
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
            LocalSession session = uid == null ? null : byUid.get(uid);
            if (session == null || session.isClosed()) {
                failed.add(uid);
            } else {
                session.kick();
            }
        }
        return failed;
    }

    @Override
    public Registration onBind(Consumer<? super Session> listener) {
        return register(bindListeners, listener);
    }

    @Override
    public Registration onAfterBind(Consumer<? super Session> listener) {
        return register(afterBindListeners, listener);
    }

    @Override
    public Registration onClose(Consumer<? super Session> listener) {
        return register(closeListeners, listener);
    }

    @Override
    public Registration addHandshakeValidator(String name, HandshakeValidator validator) {
        return validators.add(name, validator);
    }

    private static Registration register(List<Consumer<? super Session>> listeners, Consumer<? super Session> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (listeners) {
            // the same listener twice is ignored (Pitaya compares function pointers); compared by identity
            if (listeners.stream().noneMatch(l -> l == listener)) {
                listeners.add(listener);
            }
        }
        return () -> listeners.removeIf(l -> l == listener);
    }

    /** Where session events go besides the listeners (the CDI bridge in the container). */
    public void events(SessionEvents events) {
        this.events = events == null ? SessionEvents.NONE : events;
    }

    // --- shutdown ------------------------------------------------------------------------------------------

    /** From now on new connections and handshakes are refused, for good (the server's shutdown). */
    public void stopAccepting() {
        closing = true;
    }

    /**
     * New connections and handshakes are refused until the returned action runs (once; later runs do nothing): a
     * drain that the server may come back from (the container suspends it and may resume it).
     */
    public Runnable pauseAccepting() {
        pauses.incrementAndGet();
        AtomicBoolean resumed = new AtomicBoolean();
        return () -> {
            if (resumed.compareAndSet(false, true)) {
                pauses.decrementAndGet();
            }
        };
    }

    public boolean isAccepting() {
        return !closing && pauses.get() == 0;
    }

    /** Waits until no session is left, at most {@code timeout}; true when none is. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        return await(timeout, () -> byId.isEmpty());
    }

    /** Waits until every closed session has run its close callbacks and listeners, at most {@code timeout}. */
    public boolean awaitCloseWork(Duration timeout) throws InterruptedException {
        return await(timeout, () -> closeWorkPending == 0);
    }

    /** Closed sessions whose close callbacks have not finished yet. */
    public int closeWorkPending() {
        synchronized (changes) {
            return closeWorkPending;
        }
    }

    private boolean await(Duration timeout, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return true;
        }
    }
}
