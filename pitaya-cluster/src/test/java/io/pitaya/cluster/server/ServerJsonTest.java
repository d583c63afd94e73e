package io.pitaya.cluster.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.pitaya.protocol.Hex.text;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerJsonTest {

    @Test
    void writesGoFieldOrderAndSortedMetadata() {
        ServerDescriptor server = new ServerDescriptor("6f1c", "connector",
                Map.of("grpcPort", "3434", "grpcHost", "127.0.0.1"), true, "host-1");

        assertThat(text(ServerJson.encode(server))).isEqualTo("{\"id\":\"6f1c\",\"type\":\"connector\","
                + "\"metadata\":{\"grpcHost\":\"127.0.0.1\",\"grpcPort\":\"3434\"},\"frontend\":true,"
                + "\"hostname\":\"host-1\"}");
    }

    @Test
    void escapesLikeGo() {
        ServerDescriptor server = new ServerDescriptor("a", "room", Map.of("note", "<a&b>"), false, "");

        assertThat(text(ServerJson.encode(server))).contains("\"note\":\"\\u003ca\\u0026b\\u003e\"");
    }

    @Test
    void readsWhatGoWritesIncludingNullMetadataAndUnknownFields() {
        ServerDescriptor server = ServerJson.decode(utf8("{\"id\":\"b1\",\"type\":\"room\",\"metadata\":null,"
                + "\"frontend\":false,\"hostname\":\"h\",\"extra\":1}"));

        assertThat(server).isEqualTo(new ServerDescriptor("b1", "room", Map.of(), false, "h"));
    }

    @Test
    void roundTrips() {
        ServerDescriptor server = ServerDescriptor.create("room", false, Map.of("region", "eu"), "h");

        assertThat(ServerJson.decode(ServerJson.encode(server))).isEqualTo(server);
        assertThat(server.id()).hasSize(36);
    }

    @Test
    void rejectsSlashesAndEmptySegments() {
        assertThatThrownBy(() -> new ServerDescriptor("a/b", "room", null, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server id");
        assertThatThrownBy(() -> new ServerDescriptor("a", "ro/om", null, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server type");
        assertThatThrownBy(() -> ServerJson.decode(utf8("{\"type\":\"room\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerJson.decode(utf8("[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerJson.decode(utf8("{"))).isInstanceOf(IllegalArgumentException.class);
    }
}
