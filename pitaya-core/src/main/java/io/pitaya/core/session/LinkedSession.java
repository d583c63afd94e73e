package io.pitaya.core.session;

import io.pitaya.api.Handshake;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A player's session: its id, uid, data and close callbacks, its mailbox, and the {@link SessionLink} through which it
 * reaches the player. On the server the client is connected to, the link is the connection's agent; in cluster mode a
 * backend's session reaches the player through a remote link, and handlers see the same type.
 */
public final class LinkedSession implements Session {

    private static final Logger LOG = Logger.getLogger(LinkedSession.class.getName());

    private final long id;
    private final boolean local;
    private final SessionLink link;
    private final SessionPool pool;
    private final Serializer serializer;
    private final SerialExecutor mailbox;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final List<Runnable> closeCallbacks = new ArrayList<>();
    private volatile String uid;
    private boolean closed; // guarded by closeCallbacks

    /**
     * @param local whether the player is connected here (the session is in the pool's index); false for a session of a
     *              player connected to another server (cluster mode), whose binds go through the link
     */
    LinkedSession(long id, boolean local, SessionLink link, SessionPool pool, Serializer serializer, Executor executor) {
        this.id = id;
        this.local = local;
        this.link = link;
        this.pool = pool;
        this.serializer = serializer;
        this.mailbox = new SerialExecutor(executor);
    }

    /** Whether the player is connected to this server (its link is the connection's agent). */
    public boolean isLocal() {
        return local;
    }

    /** How this session reaches its player. */
    public SessionLink link() {
        return link;
    }

    /** Runs this session's work (its messages, its close callbacks) one task at a time, in order. */
    public Executor mailbox() {
        return mailbox;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public void bind(String uid) {
        if (uid == null || uid.isBlank()) {
            throw new PitayaException(PitayaException.UNKNOWN, "illegal uid");
        }
        synchronized (this) { // SessionPool.closed takes this lock too, so a racing close cannot miss the uid
            if (this.uid != null) {
                throw new PitayaException(PitayaException.UNKNOWN, "session is already bound to an uid");
            }
            if (local && !pool.isOpen(this)) {
                throw new PitayaException(PitayaException.UNKNOWN, "session is closed");
            }
            this.uid = uid; // as in Pitaya, the before-bind listeners already see the uid; it also blocks a second bind
        }
        try {
            // application code: runs without the lock, so a slow listener never blocks a close on an I/O thread
            pool.listeners().beforeBind(this, uid);
            if (local) {
                synchronized (this) {
                    pool.bindUid(this, uid);
                }
            } else {
                link.bindRemotely(uid); // the frontend indexes it (and closes an older session of that uid)
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                this.uid = null;
            }
            throw e;
        }
        try {
            pool.listeners().afterBind(this, uid);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (local) {
                    pool.index().unbindUid(uid, this);
                }
                this.uid = null;
            }
            throw e;
        }
    }

    /** The uid a remote session's frontend has bound already: no listeners (they ran where the bind happened). */
    synchronized void bound(String uid) {
        this.uid = uid;
    }

    @Override
    public void set(String key, Object value) {
        if (value == null) {
            data.remove(key);
        } else {
            data.put(key, value);
        }
    }

    @Override
    public Object get(String key) {
        return data.get(key);
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Object value = data.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    @Override
    public void remove(String key) {
        data.remove(key);
    }

    @Override
    public void clear() {
        data.clear();
    }

    /**
     * Replaces the whole session data (cluster mode: a backend's {@code sys.pushsession}); an empty map changes
     * nothing, as in Pitaya.
     */
    public void replaceData(Map<String, Object> replacement) {
        if (replacement.isEmpty()) {
            return;
        }
        data.keySet().retainAll(replacement.keySet());
        replacement.forEach((key, value) -> {
            if (value == null) {
                data.remove(key);
            } else {
                data.put(key, value);
            }
        });
    }

    @Override
    public void pushToFront() {
        if (local) {
            throw new PitayaException(PitayaException.UNKNOWN, "frontend session can't push to front");
        }
        link.pushToFront(data());
    }

    @Override
    public Map<String, Object> data() {
        return new HashMap<>(data);
    }

    @Override
    public Handshake handshake() {
        return link.handshake();
    }

    @Override
    public String remoteAddress() {
        return link.remoteAddress();
    }

    @Override
    public boolean push(String route, Object payload) {
        byte[] bytes = payload instanceof byte[] raw ? raw : serializer.marshal(payload);
        return link.push(route, bytes);
    }

    @Override
    public void kick() {
        if (local) {
            link.kick();
        } else {
            link.kickRemotely(); // the frontend kicks; its error is ours, as Go's backend session.Kick returns it
        }
    }

    @Override
    public void close() {
        link.close("closed by the application");
    }

    @Override
    public boolean isClosed() {
        synchronized (closeCallbacks) {
            return closed;
        }
    }

    @Override
    public void onClose(Runnable callback) {
        if (!local) {
            // a backend's session is a view rebuilt for each message: it never closes here (Pitaya refuses too)
            throw new PitayaException(PitayaException.UNKNOWN, "onclose callbacks are not allowed on backend servers");
        }
        synchronized (closeCallbacks) {
            if (!closed) {
                closeCallbacks.add(callback);
                return;
            }
        }
        Runnable late = () -> pool.listeners().inCloseScope(this, () -> {
            try {
                callback.run();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.log(Level.WARNING, "close callback of session " + id() + " failed", e);
            }
        });
        try {
            mailbox.execute(late);
        } catch (RejectedExecutionException e) {
            late.run();
        }
    }

    /**
     * Marks the session closed and, after the messages already queued for it, runs its close callbacks, then the
     * pool's close listeners and observers; tells the pool's shutdown gate when all of them have run.
     */
    void closed() {
        List<Runnable> callbacks;
        synchronized (closeCallbacks) {
            if (closed) {
                return;
            }
            closed = true;
            callbacks = List.copyOf(closeCallbacks);
            closeCallbacks.clear();
        }
        String reason = link.closeReason();
        Runnable body = () -> {
            for (Runnable callback : callbacks) {
                try {
                    callback.run();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.log(Level.WARNING, "close callback of session " + id() + " failed", e);
                }
            }
            pool.listeners().runCloseListeners(this, reason);
        };
        Runnable work = () -> {
            try {
                pool.listeners().inCloseScope(this, body);
            } finally {
                pool.gate().closeWorkDone();
            }
        };
        try {
            mailbox.execute(work);
        } catch (RejectedExecutionException e) {
            // no thread to run it on (executor saturated or shut down): it must still run, exactly once
            work.run();
        }
    }

    Serializer serializer() {
        return serializer;
    }

    @Override
    public String toString() {
        return "Session[id=" + id() + ", uid=" + uid + "]";
    }
}
