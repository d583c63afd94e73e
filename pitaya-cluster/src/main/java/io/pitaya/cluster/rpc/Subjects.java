package io.pitaya.cluster.rpc;

import io.pitaya.cluster.server.ServerDescriptor;

/** Pitaya's NATS subjects (PROTOCOL.md §7); {@code /} is an ordinary character in them, not a token separator. */
public final class Subjects {

    private Subjects() {
    }

    /** Where a server receives every RPC addressed to it. */
    public static String rpc(ServerDescriptor server) {
        return "pitaya/servers/" + server.type() + "/" + server.id();
    }

    public static String userPush(String frontendType, String uid) {
        return "pitaya/" + frontendType + "/user/" + uid + "/push";
    }

    public static String userKick(String frontendType, String uid) {
        return "pitaya/" + frontendType + "/user/" + uid + "/kick";
    }

    public static String bindings(String frontendType) {
        return "pitaya/" + frontendType + "/bindings";
    }
}
