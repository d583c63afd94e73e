package io.pitaya.protocol.error;

import io.pitaya.protocol.Hex;
import io.pitaya.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code protos.Error {string code=1; string msg=2; map<string,string> metadata=3}} (PROTOCOL.md §2, §7). */
class ErrorPayloadProtobufTest {

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesFieldsOneTwoThree() {
        byte[] bytes = new ErrorPayload("PIT-555", "somerror", Map.of("k", "v")).toProtobuf();
        assertThat(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(
                "0a07" + hex("PIT-555") + "1208" + hex("somerror") + "1a06" + "0a01" + hex("k") + "1201" + hex("v"));
    }

    @Test
    void theGeneratedClassIsPitayasMessage() {
        assertThat(io.pitaya.protocol.proto.Error.getDescriptor().getFullName()).isEqualTo("protos.Error");
        assertThat(io.pitaya.protocol.proto.Error.getDescriptor().findFieldByName("code").getNumber()).isEqualTo(1);
        assertThat(io.pitaya.protocol.proto.Error.getDescriptor().findFieldByName("msg").getNumber()).isEqualTo(2);
        assertThat(io.pitaya.protocol.proto.Error.getDescriptor().findFieldByName("metadata").getNumber()).isEqualTo(3);
    }

    @Test
    void roundTrips() {
        ErrorPayload e = new ErrorPayload("PIT-408", "rpc client: request timeout", Map.of("route", "a.b.c", "timeout", "5s"));
        assertThat(ErrorPayload.fromProtobuf(e.toProtobuf())).isEqualTo(e);
        assertThat(ErrorPayload.fromProtobuf(new byte[0])).isEqualTo(new ErrorPayload(null, null, Map.of()));
    }

    @Test
    void garbageIsAProtocolException() {
        assertThatThrownBy(() -> ErrorPayload.fromProtobuf(Hex.bytes("0a 09 50")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("invalid protobuf error payload");
    }
}
