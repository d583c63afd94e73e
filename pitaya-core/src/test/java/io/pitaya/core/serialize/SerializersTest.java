package io.pitaya.core.serialize;

import io.pitaya.api.PitayaError;
import io.pitaya.api.Serializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which serializer a deployment gets: {@code pitaya.serializer}, then {@code pitaya.serializertype}. */
class SerializersTest {

    /** A stand-in for an application's serializer bean. */
    static class Upper implements Serializer {
        private final String name;

        Upper(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public byte[] marshal(Object value) {
            return String.valueOf(value).toUpperCase().getBytes();
        }

        @Override
        public Object unmarshal(byte[] data, Type type) {
            return new String(data);
        }

        @Override
        public byte[] marshalError(PitayaError error) {
            return error.code().getBytes();
        }
    }

    private static final Map<String, Supplier<Serializer>> NONE = Map.of();

    @Test
    void jsonByDefault() {
        assertThat(Serializers.select(Optional.empty(), 1, NONE)).isInstanceOf(JsonSerializer.class);
        assertThat(Serializers.forType(1).name()).isEqualTo("json");
    }

    @Test
    void serializerTypeTwoIsProtobuf() {
        assertThat(Serializers.select(Optional.empty(), 2, NONE)).isInstanceOf(ProtobufSerializer.class);
        assertThat(Serializers.forType(2).name()).isEqualTo("protobuf");
    }

    @Test
    void unknownSerializerTypesAreRejected() {
        assertThatThrownBy(() -> Serializers.forType(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pitaya.serializertype=3 is unknown (1 = json, 2 = protobuf)");
    }

    @Test
    void builtInsByName() {
        assertThat(Serializers.select(Optional.of("protobuf"), 1, NONE)).isInstanceOf(ProtobufSerializer.class);
        assertThat(Serializers.select(Optional.of(" json "), 1, NONE)).isInstanceOf(JsonSerializer.class);
        assertThat(Serializers.select(Optional.of(""), 2, NONE)).as("blank means unset").isInstanceOf(ProtobufSerializer.class);
    }

    @Test
    void theNameWinsOverTheType() {
        assertThat(Serializers.select(Optional.of("json"), 2, NONE)).isInstanceOf(JsonSerializer.class);
    }

    @Test
    void anApplicationSerializerIsSelectedByName() {
        Upper upper = new Upper("upper");
        Serializer s = Serializers.select(Optional.of("upper"), 1, Map.of("upper", () -> upper));
        assertThat(s).isSameAs(upper);
    }

    @Test
    void applicationSerializersAreOnlyCreatedWhenChosen() {
        Map<String, Supplier<Serializer>> provided = Map.of("upper", () -> {
            throw new AssertionError("must not be created");
        });
        assertThat(Serializers.select(Optional.empty(), 1, provided)).isInstanceOf(JsonSerializer.class);
    }

    @Test
    void anApplicationSerializerNamedLikeABuiltInReplacesIt() {
        Upper json = new Upper("json");
        assertThat(Serializers.select(Optional.empty(), 1, Map.of("json", () -> json))).isSameAs(json);
        assertThat(Serializers.select(Optional.empty(), 2, Map.of("json", () -> json))).isInstanceOf(ProtobufSerializer.class);
    }

    @Test
    void anUnknownNameFailsListingWhatExists() {
        assertThatThrownBy(() -> Serializers.select(Optional.of("msgpack"), 1, Map.of("upper", () -> new Upper("upper"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pitaya.serializer=msgpack: no such serializer. Known: [json, protobuf, upper]."
                        + " Provide a CDI bean implementing io.pitaya.api.Serializer qualified"
                        + " @SerializerName(\"msgpack\") in the application.");
    }

    @Test
    void aNullApplicationSerializerFails() {
        assertThatThrownBy(() -> Serializers.select(Optional.of("upper"), 1, Map.of("upper", () -> null)))
                .hasMessage("the application's serializer \"upper\" is null");
    }
}
