package io.pitaya.core.remote;

import io.pitaya.api.PitayaException;
import io.pitaya.core.handler.InvocationScope;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a remote of this server for a caller (another server over RPC, or this one): looks the route up, decodes the
 * argument, calls the method through the {@link RemotePipeline} hooks inside the invocation scope (no session) and
 * encodes the reply, with Go Pitaya's errors:
 * {@code PIT-404 "route not found"} with the route as metadata, {@code PIT-400} for an argument that does not
 * decode, the remote's {@link PitayaException} as thrown, anything else {@code PIT-000} with its message.
 */
public final class RemoteDispatcher {

    private static final Logger LOG = Logger.getLogger(RemoteDispatcher.class.getName());

    private final String serverType;
    private final RemoteRegistry registry;
    private final RemoteCodec codec;
    private final InvocationScope scope;

    /** @param serverType this server's type, for the routes the hooks see */
    public RemoteDispatcher(String serverType, RemoteRegistry registry, RemoteCodec codec, InvocationScope scope) {
        this.serverType = serverType;
        this.registry = registry;
        this.codec = codec;
        this.scope = scope;
    }

    public RemoteRegistry registry() {
        return registry;
    }

    /**
     * @param key  {@code service.method}
     * @param data the encoded argument (may be empty)
     * @return the encoded reply (empty for a {@code void} remote or a null reply)
     * @throws PitayaException the error the caller gets
     */
    public byte[] invoke(String key, byte[] data) {
        RemoteMethod remote = registry.lookup(key);
        if (remote == null) {
            LOG.fine(() -> "pitaya/remote: " + key + " not found");
            throw new PitayaException(PitayaException.NOT_FOUND, "route not found", Map.of("route", key));
        }
        Object argument = remote.takesArgument() ? argument(remote, data) : null;
        RemoteCall call = new RemoteCall(serverType, remote, argument);
        Object result;
        try {
            result = scope.call(null, () -> registry.pipeline().run(call, replaced -> invoke(remote, replaced)));
        } catch (PitayaException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "remote " + key + " failed", e);
            throw new PitayaException(PitayaException.UNKNOWN, String.valueOf(e.getMessage()), Map.of(), e);
        }
        try {
            return codec.encode(result);
        } catch (RuntimeException e) {
            throw new PitayaException(PitayaException.UNKNOWN, "cannot encode the reply of " + key + ": "
                    + e.getMessage(), Map.of(), e);
        }
    }

    private Object argument(RemoteMethod remote, byte[] data) {
        try {
            return codec.decode(data == null ? new byte[0] : data, remote.argumentType());
        } catch (RuntimeException e) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "could not decode the argument of " + remote.key()
                    + ": " + e.getMessage(), Map.of(), e);
        }
    }

    /** Calls the remote method; throws what it threw (checked exceptions too). */
    private static Object invoke(RemoteMethod remote, Object argument) throws Throwable {
        Object[] args = remote.takesArgument() ? new Object[]{argument} : new Object[0];
        try {
            return remote.method().invoke(remote.target().get(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + remote, e);
        }
    }
}
