package io.pitaya.core.session;

import io.pitaya.api.Handshake;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.Session;
import io.pitaya.core.agent.Agent;
import io.pitaya.protocol.message.Message;

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

/** The session of a client connected to this server (a frontend session, in Pitaya's words). */
public final class LocalSession implements Session {

    private static final Logger LOG = Logger.getLogger(LocalSession.class.getName());

    private final Agent agent;
    private final SessionRegistry registry;
    private final Serializer serializer;
    private final SerialExecutor mailbox;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final List<Runnable> closeCallbacks = new ArrayList<>();
    private volatile String uid;
    private boolean closed; // guarded by closeCallbacks

    LocalSession(Agent agent, SessionRegistry registry, Serializer serializer, Executor pool) {
        this.agent = agent;
        this.registry = registry;
        this.serializer = serializer;
        this.mailbox = new SerialExecutor(pool);
    }

    public Agent agent() {
        return agent;
    }

    /** Runs this session's work (its messages, its close callbacks) one task at a time, in order. */
    public Executor mailbox() {
        return mailbox;
    }

    @Override
    public long id() {
        return agent.id();
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
        synchronized (this) { // SessionRegistry.closed takes this lock too, so a racing close cannot miss the uid
            if (this.uid != null) {
                throw new PitayaException(PitayaException.UNKNOWN, "session is already bound to an uid");
            }
            if (!registry.isOpen(this)) {
                throw new PitayaException(PitayaException.UNKNOWN, "session is closed");
            }
            this.uid = uid; // as in Pitaya, the before-bind listeners already see the uid; it also blocks a second bind
        }
        try {
            // application code: runs without the lock, so a slow listener never blocks a close on an I/O thread
            registry.beforeBind(this, uid);
            synchronized (this) {
                registry.index(this, uid);
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                this.uid = null;
            }
            throw e;
        }
        try {
            registry.afterBind(this, uid);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                registry.unindex(this, uid);
                this.uid = null;
            }
            throw e;
        }
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

    @Override
    public Map<String, Object> data() {
        return new HashMap<>(data);
    }

    @Override
    public Handshake handshake() {
        return agent.handshake();
    }

    @Override
    public String remoteAddress() {
        return agent.remoteAddress();
    }

    @Override
    public boolean push(String route, Object payload) {
        byte[] bytes = payload instanceof byte[] raw ? raw : serializer.marshal(payload);
        return agent.send(Message.push(route, bytes));
    }

    @Override
    public void kick() {
        agent.kick();
    }

    @Override
    public void close() {
        agent.close("closed by the application");
    }

    @Override
    public boolean isClosed() {
        synchronized (closeCallbacks) {
            return closed;
        }
    }

    @Override
    public void onClose(Runnable callback) {
        synchronized (closeCallbacks) {
            if (!closed) {
                closeCallbacks.add(callback);
                return;
            }
        }
        Runnable late = () -> registry.inCloseScope(this, () -> {
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
     * registry's close listeners and observers; tells the registry when all of them have run.
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
        String reason = agent.closeReason();
        Runnable body = () -> {
            for (Runnable callback : callbacks) {
                try {
                    callback.run();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.log(Level.WARNING, "close callback of session " + id() + " failed", e);
                }
            }
            registry.runCloseListeners(this, reason);
        };
        Runnable work = () -> {
            try {
                registry.inCloseScope(this, body);
            } finally {
                registry.closeWorkDone();
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
