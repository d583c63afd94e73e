package io.pitaya.core.serialize;

import io.pitaya.api.Serializer;
import io.pitaya.api.SerializerName;
import io.pitaya.core.cdi.PitayaBeans;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.testing.FakeBeans;
import jakarta.enterprise.inject.literal.NamedLiteral;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the application's serializer beans by {@code @SerializerName} or {@code @Named}. */
class SerializerBeansTest {

    private static final class Msgpack extends SerializersTest.Upper {
        Msgpack() {
            super("msgpack");
        }
    }

    private static final class Other extends SerializersTest.Upper {
        Other() {
            super("other");
        }
    }

    private static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(SerializerBeansTest.class.getClassLoader(), new Class<?>[]{Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        String v = values.get((String) args[0]);
                        return v == null ? Optional.empty() : Optional.of(((Class<?>) args[1]).cast(v));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private final Msgpack msgpack = new Msgpack();
    private final Other other = new Other();
    private final Serializer active = new JsonSerializer();

    private FakeBeans beans() {
        return new FakeBeans()
                // the core's own producer of the active serializer: no name, never a candidate
                .add(PitayaBeans.class, Serializer.class, () -> active);
    }

    @Test
    void serializerNameQualifierSelects() {
        FakeBeans beans = beans().add(Msgpack.class, Serializer.class, () -> msgpack, SerializerName.Literal.of("msgpack"));
        Serializer s = SerializerBeans.select(config(Map.of("pitaya.serializer", "msgpack")), PitayaConfig.defaults(), beans.manager());
        assertThat(s).isSameAs(msgpack);
    }

    @Test
    void namedSelectsToo() {
        FakeBeans beans = beans().add(Other.class, Serializer.class, () -> other, NamedLiteral.of("other"));
        Serializer s = SerializerBeans.select(config(Map.of("pitaya.serializer", "other")), PitayaConfig.defaults(), beans.manager());
        assertThat(s).isSameAs(other);
    }

    @Test
    void withoutTheKeyTheBuiltInsApply() {
        FakeBeans beans = beans().add(Msgpack.class, Serializer.class, () -> msgpack, SerializerName.Literal.of("msgpack"));
        assertThat(SerializerBeans.select(config(Map.of()), PitayaConfig.defaults(), beans.manager()))
                .isInstanceOf(JsonSerializer.class);
        assertThat(SerializerBeans.named(beans.manager())).containsOnlyKeys("msgpack");
    }

    @Test
    void twoBeansWithOneNameFail() {
        FakeBeans beans = beans()
                .add(Msgpack.class, Serializer.class, () -> msgpack, SerializerName.Literal.of("msgpack"))
                .add(Other.class, Serializer.class, () -> other, NamedLiteral.of("msgpack"));
        assertThatThrownBy(() -> SerializerBeans.named(beans.manager()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two Serializer beans are named \"msgpack\": " + Msgpack.class.getName() + " and " + Other.class.getName());
    }
}
