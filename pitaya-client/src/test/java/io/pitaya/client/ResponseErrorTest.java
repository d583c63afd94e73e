package io.pitaya.client;

import io.pitaya.protocol.error.ErrorPayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseErrorTest {

    @Test
    void jsonErrorPayloadIsParsed() {
        Response r = new Response(1, "a.b", "{\"code\":\"PIT-433\",\"msg\":\"test error\",\"metadata\":{\"some\":\"meta\"}}"
                .getBytes(StandardCharsets.UTF_8), true);
        assertThat(r.error()).isEqualTo(new ErrorPayload("PIT-433", "test error", Map.of("some", "meta")));
    }

    @Test
    void protobufErrorPayloadFromAProtobufServerIsParsed() {
        byte[] bytes = new ErrorPayload("PIT-404", "pitaya/handler: connector.a.b not found", Map.of("k", "v")).toProtobuf();
        Response r = new Response(1, "a.b", bytes, true);
        assertThat(r.error().code()).isEqualTo("PIT-404");
        assertThat(r.error().msg()).isEqualTo("pitaya/handler: connector.a.b not found");
        assertThat(r.error().metadata()).containsEntry("k", "v");
    }

    @Test
    void anythingElseBecomesPit000WithTheText() {
        Response r = new Response(1, "a.b", "boom".getBytes(StandardCharsets.UTF_8), true);
        assertThat(r.error().code()).isEqualTo("PIT-000");
        assertThat(r.error().msg()).isEqualTo("boom");
    }
}
