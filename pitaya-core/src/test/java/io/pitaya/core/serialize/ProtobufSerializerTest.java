package io.pitaya.core.serialize;

import io.pitaya.api.PitayaError;
import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.error.ErrorPayload;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The protobuf serializer on its own: messages, raw bytes, errors as Pitaya's {@code protos.Error}. */
class ProtobufSerializerTest {

    private final ProtobufSerializer serializer = new ProtobufSerializer();

    @Test
    void isAnnouncedAsProtobuf() {
        assertThat(serializer.name()).isEqualTo("protobuf");
    }

    @Test
    void messagesRoundTrip() {
        StringValue hello = StringValue.of("hello");
        byte[] bytes = serializer.marshal(hello);
        assertThat(Hex.hex(bytes)).isEqualTo("0a05" + Hex.hex(Hex.utf8("hello")));
        assertThat(serializer.unmarshal(bytes, StringValue.class)).isEqualTo(hello);

        Struct struct = Struct.newBuilder()
                .putFields("name", Value.newBuilder().setStringValue("bob").build())
                .putFields("age", Value.newBuilder().setNumberValue(30).build())
                .build();
        assertThat(serializer.unmarshal(serializer.marshal(struct), Struct.class)).isEqualTo(struct);

        Timestamp t = Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5).build();
        assertThat(serializer.unmarshal(serializer.marshal(t), Timestamp.class)).isEqualTo(t);
    }

    @Test
    void anEmptyPayloadIsTheDefaultMessage() {
        assertThat(serializer.unmarshal(new byte[0], Int32Value.class)).isEqualTo(Int32Value.getDefaultInstance());
        assertThat(serializer.marshal(Int32Value.of(0))).isEmpty();
    }

    @Test
    void rawBytesPassThroughBothWays() {
        byte[] raw = {0, 1, (byte) 0xff};
        assertThat(serializer.marshal(raw)).isSameAs(raw);
        assertThat(serializer.unmarshal(raw, byte[].class)).isSameAs(raw);
    }

    @Test
    void theParserIsLookedUpOncePerType() {
        assertThat(ProtobufSerializer.parserFor(StringValue.class)).isSameAs(ProtobufSerializer.parserFor(StringValue.class))
                .isSameAs(StringValue.parser());
    }

    @Test
    void corruptBytesAreRejectedNamingTheType() {
        assertThatThrownBy(() -> serializer.unmarshal(Hex.bytes("0a 05 68"), StringValue.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid protobuf for com.google.protobuf.StringValue: ");
    }

    @Test
    void nonMessageParameterTypesAreRejectedClearly() {
        record Point(int x, int y) {
        }
        for (Type type : List.<Type>of(Point.class, String.class, com.google.protobuf.Message.class,
                com.google.protobuf.GeneratedMessage.class)) {
            assertThatThrownBy(() -> serializer.unmarshal(new byte[0], type))
                    .as(type.getTypeName())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("protobuf serializer cannot decode into " + type.getTypeName()
                            + ": with pitaya.serializertype=2 handler parameters must be generated"
                            + " com.google.protobuf.Message classes or byte[]");
        }
        assertThat(ProtobufSerializer.supports(StringValue.class)).isTrue();
        assertThat(ProtobufSerializer.supports(byte[].class)).isTrue();
        assertThat(ProtobufSerializer.supports(Map.class)).isFalse();
    }

    @Test
    void nonMessageResultsAreRejectedClearly() {
        assertThatThrownBy(() -> serializer.marshal(Map.of("code", 200)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("protobuf serializer cannot encode a java.util.")
                .hasMessageEndingWith(": with pitaya.serializertype=2 handlers must return (and push)"
                        + " com.google.protobuf.Message objects or byte[]");
        assertThatThrownBy(() -> serializer.marshal(null)).hasMessageStartingWith("protobuf serializer cannot encode null");
    }

    // --- errors: protos.Error {string code=1; string msg=2; map<string,string> metadata=3} -------------------

    @Test
    void errorsArePitayasProtosError() {
        String msg = "pitaya/handler: connector.testsvc.nonexistenthandler not found";
        byte[] bytes = serializer.marshalError(PitayaError.of("PIT-404", msg));
        assertThat(Hex.hex(bytes)).isEqualTo(
                "0a07" + Hex.hex(Hex.utf8("PIT-404"))
                        + "12" + String.format("%02x", msg.length()) + Hex.hex(Hex.utf8(msg)));
    }

    @Test
    void errorMetadataIsAMapFieldOfEntries() {
        byte[] bytes = serializer.marshalError(new PitayaError("PIT-433", "test error", Map.of("some", "meta")));
        // field 3, length 12: entry {1: "some", 2: "meta"}
        assertThat(Hex.hex(bytes)).isEqualTo(
                "0a07" + Hex.hex(Hex.utf8("PIT-433"))
                        + "120a" + Hex.hex(Hex.utf8("test error"))
                        + "1a0c" + "0a04" + Hex.hex(Hex.utf8("some")) + "1204" + Hex.hex(Hex.utf8("meta")));

        io.pitaya.protocol.proto.Error parsed = parse(bytes);
        assertThat(parsed.getCode()).isEqualTo("PIT-433");
        assertThat(parsed.getMsg()).isEqualTo("test error");
        assertThat(parsed.getMetadataMap()).containsExactly(Map.entry("some", "meta"));
        assertThat(ErrorPayload.fromProtobuf(bytes)).isEqualTo(new ErrorPayload("PIT-433", "test error", Map.of("some", "meta")));
    }

    @Test
    void errorMetadataIsWrittenInKeyOrder() {
        byte[] bytes = serializer.marshalError(new PitayaError("PIT-408", "rpc client: request timeout",
                Map.of("timeout", "5s", "route", "game.svc.m", "server", "s1")));
        assertThat(parse(bytes).getMetadataMap().keySet()).containsExactly("route", "server", "timeout");
        String hex = Hex.hex(bytes);
        assertThat(hex.indexOf(Hex.hex(Hex.utf8("route")))).isLessThan(hex.indexOf(Hex.hex(Hex.utf8("server"))));
    }

    @Test
    void emptyErrorFieldsAreOmittedAsProto3Does() {
        assertThat(serializer.marshalError(new PitayaError("PIT-000", "", Map.of()))).containsExactly(
                Hex.bytes("0a07" + Hex.hex(Hex.utf8("PIT-000"))));
        assertThat(serializer.marshalError(new PitayaError(null, null, null))).isEmpty();
    }

    private static io.pitaya.protocol.proto.Error parse(byte[] bytes) {
        try {
            return io.pitaya.protocol.proto.Error.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
