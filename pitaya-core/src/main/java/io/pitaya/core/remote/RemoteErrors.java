package io.pitaya.core.remote;

import io.pitaya.api.PitayaException;

import java.util.Map;

/** Go Pitaya's errors for calls that find no target. */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    /** No server of the type is known (Pitaya's router: PIT-500 "no servers available of this type"). */
    public static PitayaException noServers(String serverType) {
        return new PitayaException(PitayaException.INTERNAL, "no servers available of this type",
                Map.of("serverType", serverType));
    }

    /** {@code RPCTo} a server id service discovery does not know (Pitaya: "server not found", PIT-000). */
    public static PitayaException serverNotFound(String serverId) {
        return new PitayaException(PitayaException.UNKNOWN, "server not found", Map.of("serverId", serverId));
    }

    /** A call while the server is not running (Pitaya: "RPC server is not running"). */
    public static PitayaException notRunning() {
        return new PitayaException(PitayaException.INTERNAL, "RPC server is not running");
    }
}
