package io.pitaya.core.config;

import io.pitaya.protocol.PacketCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PitayaConfigTest {

    private static PitayaConfig from(Map<String, String> values) {
        return PitayaConfig.from(new MapConfig(values));
    }

    @Test
    void emptyConfigGivesPitayasDefaults() {
        PitayaConfig c = from(Map.of());
        assertThat(c.serverType()).isEqualTo("game");
        assertThat(UUID.fromString(c.serverId())).isNotNull();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.compression()).isTrue();
        assertThat(c.agentMessageBuffer()).isEqualTo(100);
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.serializerType()).isEqualTo(1);
        assertThat(c.maxPacketBodyLength()).isEqualTo(PacketCodec.MAX_BODY_LENGTH).isEqualTo(0xFFFFFF);
        assertThat(from(Map.of()).serverId()).as("a fresh id per server").isNotEqualTo(c.serverId());
    }

    @Test
    void pitayasKeysAreRead() {
        PitayaConfig c = from(Map.of(
                "pitaya.server.type", " connector ",
                "pitaya.server.id", "c-1",
                "pitaya.heartbeat.interval", "1m",
                "pitaya.handler.messages.compression", "false",
                "pitaya.buffer.agent.messages", "7",
                "pitaya.buffer.agent.conntimeout", "500ms",
                "pitaya.serializertype", "1",
                "pitaya.acceptor.maxpacketsize", "1024"));
        assertThat(c).isEqualTo(new PitayaConfig("connector", "c-1", Duration.ofMinutes(1), false, 7,
                Duration.ofMillis(500), 1, 1024));
    }

    @Test
    void blankValuesFallBackToDefaults() {
        PitayaConfig c = from(Map.of("pitaya.server.type", "  ", "pitaya.heartbeat.interval", " "));
        assertThat(c.serverType()).isEqualTo("game");
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "1.5s", "500ms", "-5s", "2500ms"})
    void heartbeatMustBeWholeSecondsOfAtLeastOne(String interval) {
        assertThatThrownBy(() -> from(Map.of("pitaya.heartbeat.interval", interval)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pitaya.heartbeat.interval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1s", "1", "2000ms", "1m"})
    void wholeSecondHeartbeatsAreAccepted(String interval) {
        assertThat(from(Map.of("pitaya.heartbeat.interval", interval)).heartbeatInterval().toNanosPart()).isZero();
    }

    @Test
    void unparsableDurationNamesTheKey() {
        assertThatThrownBy(() -> from(Map.of("pitaya.buffer.agent.conntimeout", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pitaya.buffer.agent.conntimeout: invalid duration \"soon\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a/b", "room.", "."})
    void serverTypesWithDotsOrSlashesAreRejected(String type) {
        assertThatThrownBy(() -> from(Map.of("pitaya.server.type", type)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pitaya.server.type");
    }

    @Test
    void otherLimitsAreChecked() {
        assertThatThrownBy(() -> from(Map.of("pitaya.buffer.agent.messages", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pitaya.buffer.agent.messages");
        assertThatThrownBy(() -> from(Map.of("pitaya.acceptor.maxpacketsize", "16777216")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pitaya.acceptor.maxpacketsize");
        assertThatThrownBy(() -> from(Map.of("pitaya.acceptor.maxpacketsize", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> from(Map.of("pitaya.serializertype", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pitaya.serializertype");
        assertThat(from(Map.of("pitaya.serializertype", "2")).serializerType()).isEqualTo(2);
    }
}
