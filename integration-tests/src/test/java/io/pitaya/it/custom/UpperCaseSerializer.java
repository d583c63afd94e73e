package io.pitaya.it.custom;

import io.pitaya.api.PitayaError;
import io.pitaya.api.Serializer;
import io.pitaya.api.SerializerName;
import jakarta.enterprise.context.ApplicationScoped;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** An application's own serializer: text in, upper-case text out, errors as "ERR code msg". */
@ApplicationScoped
@SerializerName("upper")
public class UpperCaseSerializer implements Serializer {

    @Override
    public String name() {
        return "upper";
    }

    @Override
    public byte[] marshal(Object value) {
        return String.valueOf(value).toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object unmarshal(byte[] data, Type type) {
        if (type != String.class) {
            throw new IllegalArgumentException("upper only decodes String, not " + type.getTypeName());
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] marshalError(PitayaError error) {
        return ("ERR " + error.code() + " " + error.message()).getBytes(StandardCharsets.UTF_8);
    }
}
