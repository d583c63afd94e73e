package io.pitaya.core.serialize;

import io.pitaya.api.Serializer;

/** Chooses the serializer from {@code pitaya.serializertype} (1 = JSON). */
public final class Serializers {

    private Serializers() {
    }

    public static Serializer forType(int serializerType) {
        if (serializerType == 1) {
            return new JsonSerializer();
        }
        throw new IllegalArgumentException("pitaya.serializertype=" + serializerType
                + " is not available in this build (1 = json)");
    }
}
