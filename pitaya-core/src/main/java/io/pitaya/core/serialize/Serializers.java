package io.pitaya.core.serialize;

import io.pitaya.api.Serializer;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Chooses the server's serializer.
 *
 * <ol>
 *   <li>The name: {@code pitaya.serializer} if set, otherwise {@code pitaya.serializertype} (1 = {@code json},
 *       the default; 2 = {@code protobuf}), which is Pitaya's own key.</li>
 *   <li>The serializer: the application's {@link Serializer} bean with that name
 *       ({@link io.pitaya.api.SerializerName @SerializerName} or {@code @Named}) if there is one, otherwise the
 *       built-in of that name; an unknown name fails the deployment.</li>
 * </ol>
 */
public final class Serializers {

    /** Selects a serializer by name: {@code json}, {@code protobuf} or an application bean's name. */
    public static final String SERIALIZER = "pitaya.serializer";

    private static final Logger LOG = Logger.getLogger(Serializers.class.getName());

    private Serializers() {
    }

    /** The built-in serializer for Pitaya's {@code pitaya.serializertype}: 1 = JSON, 2 = protobuf. */
    public static Serializer forType(int serializerType) {
        return builtIn(nameForType(serializerType)).orElseThrow();
    }

    /** {@code json} for 1, {@code protobuf} for 2. */
    public static String nameForType(int serializerType) {
        return switch (serializerType) {
            case 1 -> JsonSerializer.NAME;
            case 2 -> ProtobufSerializer.NAME;
            default -> throw new IllegalArgumentException("pitaya.serializertype=" + serializerType
                    + " is unknown (1 = json, 2 = protobuf)");
        };
    }

    /** A new instance of the built-in serializer called {@code name}, if there is one. */
    public static Optional<Serializer> builtIn(String name) {
        return switch (name) {
            case JsonSerializer.NAME -> Optional.of(new JsonSerializer());
            case ProtobufSerializer.NAME -> Optional.of(new ProtobufSerializer());
            default -> Optional.empty();
        };
    }

    /**
     * Applies the rules of this class.
     *
     * @param configuredName  {@code pitaya.serializer}, if set
     * @param serializerType  {@code pitaya.serializertype} (default 1)
     * @param provided        the application's serializers by name; resolved only when chosen
     * @throws IllegalArgumentException when the chosen name is neither provided nor built in, or a provided
     *                                  serializer is null
     */
    public static Serializer select(Optional<String> configuredName, int serializerType,
                                    Map<String, ? extends Supplier<? extends Serializer>> provided) {
        String name = configuredName.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (name == null) {
            name = nameForType(serializerType);
        } else if (serializerType != 1 && !name.equals(nameForType(serializerType))) {
            String chosen = name;
            LOG.warning(() -> SERIALIZER + "=" + chosen + " takes precedence over pitaya.serializertype=" + serializerType);
        }
        Supplier<? extends Serializer> app = provided.get(name);
        if (app != null) {
            Serializer serializer = app.get();
            if (serializer == null) {
                throw new IllegalArgumentException("the application's serializer \"" + name + "\" is null");
            }
            return serializer;
        }
        String chosen = name;
        return builtIn(name).orElseThrow(() -> {
            TreeSet<String> known = new TreeSet<>(provided.keySet());
            known.add(JsonSerializer.NAME);
            known.add(ProtobufSerializer.NAME);
            return new IllegalArgumentException(SERIALIZER + "=" + chosen + ": no such serializer. Known: " + known
                    + ". Provide a CDI bean implementing io.pitaya.api.Serializer qualified @SerializerName(\""
                    + chosen + "\") in the application.");
        });
    }
}
