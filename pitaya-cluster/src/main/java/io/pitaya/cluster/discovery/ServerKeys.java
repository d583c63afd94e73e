package io.pitaya.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.pitaya.cluster.server.ServerDescriptor;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Registration keys inside the client's namespace ({@code pitaya.cluster.sd.etcd.prefix}):
 * {@code servers/<type>/<id>}, exactly three segments, as Pitaya parses them.
 */
final class ServerKeys {

    static final String SERVERS = "servers/";
    static final ByteSequence SERVERS_PREFIX = bytes(SERVERS);

    record TypeAndId(String type, String id) {
    }

    private ServerKeys() {
    }

    static ByteSequence key(ServerDescriptor server) {
        return bytes(SERVERS + server.type() + "/" + server.id());
    }

    static Optional<TypeAndId> parse(ByteSequence key) {
        String[] parts = key.toString(StandardCharsets.UTF_8).split("/", -1);
        if (parts.length != 3 || !parts[0].equals("servers") || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TypeAndId(parts[1], parts[2]));
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
