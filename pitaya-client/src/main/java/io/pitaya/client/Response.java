package io.pitaya.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.protocol.error.ErrorPayload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The server's answer to a request. An error answer (message flag 0x20) is still a {@code Response}:
 * check {@link #isError()} / {@link #error()}, or call {@link #orThrow()}.
 */
public final class Response {

    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper();

    private final long id;
    private final String route;
    private final byte[] data;
    private final boolean error;
    private final ObjectMapper mapper;
    private volatile ErrorPayload errorPayload;

    public Response(long id, String route, byte[] data, boolean error) {
        this(id, route, data, error, DEFAULT_MAPPER);
    }

    public Response(long id, String route, byte[] data, boolean error, ObjectMapper mapper) {
        this.id = id;
        this.route = route;
        this.data = data == null ? new byte[0] : data;
        this.error = error;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The message id of the request this answers. */
    public long id() {
        return id;
    }

    /** The route of the request this answers (responses carry no route on the wire). */
    public String route() {
        return route;
    }

    /** The payload, already inflated if the server compressed it. Not copied; do not modify. */
    public byte[] data() {
        return data;
    }

    /** Whether the server flagged this response as an error (flag 0x20). */
    public boolean isError() {
        return error;
    }

    /**
     * The parsed error payload when {@link #isError()}, otherwise {@code null}: Pitaya's JSON error object, or its
     * protobuf {@code protos.Error} from a server using the protobuf serializer. Anything else gives code
     * {@code PIT-000} with the raw text as message.
     */
    public ErrorPayload error() {
        if (!error) {
            return null;
        }
        ErrorPayload p = errorPayload;
        if (p == null) {
            p = parseError(data);
            if (p == null) {
                p = new ErrorPayload("PIT-000", dataAsString(), Map.of());
            }
            errorPayload = p;
        }
        return p;
    }

    private static ErrorPayload parseError(byte[] data) {
        boolean json = data.length > 0 && data[0] == '{';
        try {
            ErrorPayload parsed = json ? ErrorPayload.fromJson(data) : ErrorPayload.fromProtobuf(data);
            return parsed.code() == null ? null : parsed; // text that happens to parse as protobuf is not an error object
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Returns this response, or throws a {@link PitayaClientException} with the server's code if it is an error. */
    public Response orThrow() {
        if (error) {
            ErrorPayload p = error();
            throw new PitayaClientException(p.code(), p.msg(), p.metadata(), null);
        }
        return this;
    }

    /** The payload decoded as UTF-8. */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The payload parsed as a JSON tree. */
    public JsonNode json() {
        try {
            return mapper.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("response payload is not JSON", e);
        }
    }

    /** The payload deserialised from JSON into {@code type}. */
    public <T> T as(Class<T> type) {
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map response payload to " + type.getName(), e);
        }
    }

    /** The payload deserialised from JSON into a generic type. */
    public <T> T as(TypeReference<T> type) {
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map response payload to " + type.getType(), e);
        }
    }

    @Override
    public String toString() {
        return "Response{id=" + id + ", route=" + route + ", error=" + error + ", data=" + dataAsString() + '}';
    }
}
