package io.pitaya.protocol.error;

import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitaya.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorPayloadTest {

    private static String json(ErrorPayload e) {
        return new String(e.toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void e2eErrorStringsAreReproduced() {
        assertThat(json(ErrorPayload.of(ErrorPayload.NOT_FOUND,
                "pitaya/handler: connector.testsvc.nonexistenthandler not found")))
                .isEqualTo("{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.testsvc.nonexistenthandler not found\"}");
        assertThat(json(ErrorPayload.of("PIT-555", "somerror")))
                .isEqualTo("{\"code\":\"PIT-555\",\"msg\":\"somerror\"}");
        assertThat(json(new ErrorPayload("PIT-433", "test error", Map.of("some", "meta"))))
                .isEqualTo("{\"code\":\"PIT-433\",\"msg\":\"test error\",\"metadata\":{\"some\":\"meta\"}}");
        assertThat(json(ErrorPayload.of(ErrorPayload.UNKNOWN, "reply must not be null")))
                .isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"reply must not be null\"}");
        assertThat(json(new ErrorPayload(ErrorPayload.NOT_FOUND, "route not found",
                Map.of("route", "testremotesvc.rpctestnotfound"))))
                .isEqualTo("{\"code\":\"PIT-404\",\"msg\":\"route not found\","
                        + "\"metadata\":{\"route\":\"testremotesvc.rpctestnotfound\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.testsvc.nonexistenthandler not found\"}",
        "{\"code\":\"PIT-433\",\"msg\":\"test error\",\"metadata\":{\"some\":\"meta\"}}",
        "{\"code\":\"PIT-404\",\"msg\":\"route not found\",\"metadata\":{\"route\":\"testremotesvc.rpctestnotfound\"}}"
    })
    void parsesAndReencodesIdentically(String s) {
        assertThat(json(ErrorPayload.fromJson(utf8(s)))).isEqualTo(s);
    }

    @Test
    void emptyFieldsAreOmittedAndMetadataSorted() {
        assertThat(json(new ErrorPayload(null, null, null))).isEqualTo("{}");
        assertThat(json(new ErrorPayload("", "m", Map.of()))).isEqualTo("{\"msg\":\"m\"}");
        assertThat(json(new ErrorPayload("PIT-000", "", null))).isEqualTo("{\"code\":\"PIT-000\"}");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("timeout", "5s");
        meta.put("route", "r");
        meta.put("peer.id", "p");
        meta.put("server", "s");
        assertThat(json(new ErrorPayload(ErrorPayload.REQUEST_TIMEOUT, "rpc client: request timeout", meta)))
                .isEqualTo("{\"code\":\"PIT-408\",\"msg\":\"rpc client: request timeout\",\"metadata\":"
                        + "{\"peer.id\":\"p\",\"route\":\"r\",\"server\":\"s\",\"timeout\":\"5s\"}}");
        assertThat(json(new ErrorPayload(null, null, Map.of("k", "v")))).isEqualTo("{\"metadata\":{\"k\":\"v\"}}");
    }

    @Test
    void escapesLikeGoEncodingJson() {
        assertThat(json(ErrorPayload.of("PIT-400", "a<b>&c \"q\" \\ \n\t\u0001 é \u2028")))
                .isEqualTo("{\"code\":\"PIT-400\",\"msg\":\"a\\u003cb\\u003e\\u0026c \\\"q\\\" \\\\ \\n\\t\\u0001 é \\u2028\"}");
        assertThat(ErrorPayload.fromJson(utf8("{\"msg\":\"a\\u003cb\"}")).msg()).isEqualTo("a<b");
    }

    @Test
    void lenientParsing() {
        ErrorPayload e = ErrorPayload.fromJson(utf8("{\"code\":500,\"metadata\":{\"n\":1,\"z\":null},\"extra\":true}"));
        assertThat(e.code()).isEqualTo("500");
        assertThat(e.msg()).isNull();
        assertThat(e.metadata()).containsEntry("n", "1").containsEntry("z", "");
    }

    @Test
    void rejectsNonObjects() {
        assertThatThrownBy(() -> ErrorPayload.fromJson(utf8("\"PIT-000\""))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ErrorPayload.fromJson(utf8("{"))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void standardCodes() {
        assertThat(ErrorPayload.UNKNOWN).isEqualTo("PIT-000");
        assertThat(ErrorPayload.BAD_REQUEST).isEqualTo("PIT-400");
        assertThat(ErrorPayload.NOT_FOUND).isEqualTo("PIT-404");
        assertThat(ErrorPayload.REQUEST_TIMEOUT).isEqualTo("PIT-408");
        assertThat(ErrorPayload.CLOSED_REQUEST).isEqualTo("PIT-498");
        assertThat(ErrorPayload.CLIENT_CLOSED_REQUEST).isEqualTo("PIT-499");
        assertThat(ErrorPayload.INTERNAL).isEqualTo("PIT-500");
        assertThat(ErrorPayload.CLIENT_TIMEOUT).isEqualTo("PIT-504");
    }

    @Test
    void metadataIsAnImmutableCopy() {
        Map<String, String> meta = new LinkedHashMap<>(Map.of("a", "1"));
        ErrorPayload e = new ErrorPayload("c", "m", meta);
        meta.put("b", "2");
        assertThat(e.metadata()).containsOnlyKeys("a");
        assertThatThrownBy(() -> e.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
