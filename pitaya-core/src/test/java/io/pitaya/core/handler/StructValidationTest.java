package io.pitaya.core.handler;

import io.pitaya.api.Handler;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Pitaya's optional struct-validation pipeline, on Jakarta Bean Validation (Hibernate Validator here). */
class StructValidationTest {

    private static final ValidatorFactory VALIDATION = Validation.byProvider(HibernateValidator.class).configure()
            .defaultLocale(Locale.ENGLISH).buildValidatorFactory();

    public record Join(@NotBlank String name, @Min(1) @Max(99) int level, @Size(max = 3) String tag) {
    }

    @Handler("room")
    public static class Room {
        final AtomicInteger calls = new AtomicInteger();

        public String join(Join join) {
            calls.incrementAndGet();
            return "welcome " + join.name();
        }

        public String echo(Map<String, Object> any) {
            calls.incrementAndGet();
            return "ok";
        }

        public byte[] raw(byte[] in) {
            calls.incrementAndGet();
            return in;
        }
    }

    private final Room room = new Room();
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final TestServer server = TestServer.builder().handler(room).pipeline(HandlerPipeline.builder()
            .before(new StructValidation(VALIDATION.getValidator()), StructValidation.PRIORITY, "validation")
            .before(ctx -> trace.add("app hook"), io.pitaya.api.pipeline.BeforeHandler.DEFAULT_PRIORITY, "app")
            .build()).start();
    private final TestClient client = server.connect().ready();

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void closeFactory() {
        VALIDATION.close();
    }

    @Test
    void aValidArgumentReachesTheHandler() {
        client.request(1, "room.join", "{\"name\":\"ana\",\"level\":5,\"tag\":\"ab\"}");
        assertThat(client.response(1)).isEqualTo("\"welcome ana\"");
        assertThat(trace).containsExactly("app hook");
    }

    @Test
    void violationsAnswerPit400WithEveryViolationAndStopTheCall() {
        client.request(1, "room.join", "{\"name\":\" \",\"level\":0,\"tag\":\"toolong\"}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-400\",\"msg\":\"invalid argument: "
                + "level must be greater than or equal to 1, name must not be blank, tag size must be between 0 and 3\","
                + "\"metadata\":{\"level\":\"must be greater than or equal to 1\",\"name\":\"must not be blank\","
                + "\"tag\":\"size must be between 0 and 3\"}}");
        assertThat(room.calls).hasValue(0);
        // it runs before application hooks of the default priority, which a rejected call never reaches
        assertThat(trace).isEmpty();
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void jdkTypesRawBytesAndMissingPayloadsAreNotValidated() {
        client.request(1, "room.echo", "{\"name\":\"\"}");
        assertThat(client.response(1)).isEqualTo("\"ok\"");
        client.request(2, "room.raw", "anything");
        assertThat(client.response(2)).isEqualTo("anything");
        client.request(3, "room.join", "");
        // no payload: the handler gets null (and fails on it), validation has nothing to check
        assertThat(client.errorResponse(3)).contains("PIT-000");
        assertThat(room.calls).hasValue(3);
    }
}
