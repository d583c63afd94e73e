package io.pitaya.core.remote;

import io.pitaya.api.PitayaException;

/** A remote's route, {@code serverType.service.method}: Pitaya's RPCs always name the server type. */
public record RemoteRoute(String serverType, String service, String method) {

    /**
     * @throws PitayaException PIT-400 when the route has not exactly three non-empty parts (Pitaya: "no server type
     *                         chosen for sending RPC")
     */
    public static RemoteRoute parse(String route) {
        String[] parts = route == null ? new String[0] : route.split("\\.", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new PitayaException(PitayaException.BAD_REQUEST, "no server type chosen for sending RPC, send a full"
                    + " route in the format server.service.component", java.util.Map.of("route", String.valueOf(route)));
        }
        return new RemoteRoute(parts[0], parts[1], parts[2]);
    }

    /** The remote's key on its server, {@code service.method}. */
    public String key() {
        return service + "." + method;
    }

    @Override
    public String toString() {
        return serverType + "." + service + "." + method;
    }
}
