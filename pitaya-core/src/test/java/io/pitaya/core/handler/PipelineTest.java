package io.pitaya.core.handler;

import io.pitaya.api.pipeline.CallType;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.pipeline.AfterContext;
import io.pitaya.api.pipeline.AfterHandler;
import io.pitaya.api.pipeline.BeforeContext;
import io.pitaya.api.pipeline.BeforeHandler;
import io.pitaya.api.pipeline.HandlerContext;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Before and after hooks around every handler call, with Pitaya's pipeline semantics (PROTOCOL.md §8). */
class PipelineTest {

    public record Greeting(String msg) {
    }

    @Handler("svc")
    public static class Svc {
        final AtomicInteger calls = new AtomicInteger();
        final List<Object> notified = new CopyOnWriteArrayList<>();

        public Greeting hello(Greeting in) {
            calls.incrementAndGet();
            return new Greeting("hello " + in.msg());
        }

        public byte[] raw(byte[] in) {
            calls.incrementAndGet();
            return in;
        }

        public String noarg(Session session) {
            calls.incrementAndGet();
            return "s" + session.id();
        }

        public Greeting fails() {
            calls.incrementAndGet();
            throw new PitayaException("RH-001", "handler said no", Map.of("k", "v"));
        }

        public Greeting checked() throws IOException {
            calls.incrementAndGet();
            throw new IOException("disk on fire");
        }

        public Greeting nothing() {
            calls.incrementAndGet();
            return null;
        }

        public void note(Greeting in) {
            calls.incrementAndGet();
            notified.add(in.msg());
        }
    }

    private final Svc svc = new Svc();
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private TestServer server;
    private TestClient client;

    private TestClient start(HandlerPipeline pipeline) {
        server = TestServer.builder().handler(svc).pipeline(pipeline).start();
        client = server.connect().ready();
        return client;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private BeforeHandler before(String name) {
        return ctx -> trace.add("before " + name);
    }

    private AfterHandler after(String name) {
        return ctx -> trace.add("after " + name);
    }

    // --- before hooks -----------------------------------------------------------------------------------------

    @Test
    void beforeHookSeesTheCallAndMayReplaceTheArgument() {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(HandlerPipeline.builder().before(ctx -> {
            seen.add(ctx.route() + "|" + ctx.service() + "|" + ctx.method() + "|" + ctx.callType() + "|"
                    + ctx.isRequest() + "|" + ctx.handlerMethod().getName() + "|" + ctx.session().id() + "|" + ctx.argument());
            ctx.setArgument(new Greeting(((Greeting) ctx.argument()).msg().toUpperCase()));
        }, 1, "upper").build());

        client.request(1, "svc.hello", "{\"msg\":\"world\"}");
        assertThat(client.response(1)).isEqualTo("{\"msg\":\"hello WORLD\"}");
        assertThat(seen).containsExactly("connector.svc.hello|svc|hello|REQUEST|true|hello|" + client.id()
                + "|Greeting[msg=world]");
    }

    @Test
    void beforeHookMayReplaceRawBytes() {
        start(HandlerPipeline.builder().before(ctx -> ctx.setArgument("replaced".getBytes()), 1, "raw").build());
        client.request(1, "svc.raw", "original");
        assertThat(client.response(1)).isEqualTo("replaced");
    }

    @Test
    void beforeHookAbortingWithAPitayaExceptionAnswersItsCodeAndSkipsHandlerAndAfterHooks() {
        start(HandlerPipeline.builder()
                .before(ctx -> {
                    throw new PitayaException("AUTH-401", "not logged in", Map.of("route", ctx.route()));
                }, 1, "auth")
                .before(before("second"), 2, "second")
                .after(after("a"), 1, "a")
                .build());

        client.request(1, "svc.hello", "{\"msg\":\"x\"}");
        assertThat(client.errorResponse(1))
                .isEqualTo("{\"code\":\"AUTH-401\",\"msg\":\"not logged in\",\"metadata\":{\"route\":\"connector.svc.hello\"}}");
        assertThat(svc.calls).hasValue(0);
        assertThat(trace).isEmpty();
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void beforeHookThrowingAnythingElseAnswersPit000WithItsMessage() {
        start(HandlerPipeline.builder().before(ctx -> {
            throw new IllegalStateException("hook broke");
        }, 1, "broken").build());
        client.request(1, "svc.hello", "{\"msg\":\"x\"}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"hook broke\"}");
    }

    @Test
    void beforeHookThrowingACheckedExceptionAnswersPit000() {
        start(HandlerPipeline.builder().before(ctx -> {
            throw new Exception("checked in hook");
        }, 1, "checked").build());
        client.request(1, "svc.hello", "{\"msg\":\"x\"}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"checked in hook\"}");
        assertThat(svc.calls).hasValue(0);
    }

    @Test
    void anArgumentOfTheWrongTypeIsReportedNotPassedOn() {
        start(HandlerPipeline.builder().before(ctx -> ctx.setArgument("a string"), 1, "wrong").build());
        client.request(1, "svc.hello", "{\"msg\":\"x\"}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"svc.hello takes a "
                + Greeting.class.getName() + ", but a before-handler hook gave it a java.lang.String\"}");
        assertThat(svc.calls).hasValue(0);
    }

    @Test
    void aHandlerWithoutPayloadSeesNoArgumentAndIgnoresAReplacement() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        start(HandlerPipeline.builder().before(ctx -> {
            seen.add(String.valueOf(ctx.argument()));
            ctx.setArgument("ignored");
        }, 1, "h").build());
        client.request(1, "svc.noarg", "{\"msg\":\"x\"}");
        assertThat(client.response(1)).isEqualTo("\"s" + client.id() + "\"");
        assertThat(seen).containsExactly("null");
    }

    // --- after hooks ------------------------------------------------------------------------------------------

    @Test
    void afterHookSeesTheResultAndMayReplaceIt() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        start(HandlerPipeline.builder().after(ctx -> {
            seen.add(ctx.result() + "|" + ctx.error() + "|" + ctx.failed());
            ctx.setResult(Map.of("wrapped", ctx.result()));
        }, 1, "wrap").build());

        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        assertThat(client.response(1)).isEqualTo("{\"wrapped\":{\"msg\":\"hello a\"}}");
        assertThat(seen).containsExactly("Greeting[msg=hello a]|null|false");
    }

    @Test
    void afterHookSeesTheHandlersErrorAndMayReplaceItWithAResult() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        start(HandlerPipeline.builder().after(ctx -> {
            PitayaException e = (PitayaException) ctx.error();
            seen.add(e.code() + " " + e.getMessage() + " " + e.metadata() + " result=" + ctx.result());
            ctx.setResult(new Greeting("recovered from " + e.code()));
        }, 1, "recover").build());

        client.request(1, "svc.fails", "{}");
        assertThat(client.response(1)).isEqualTo("{\"msg\":\"recovered from RH-001\"}");
        assertThat(seen).containsExactly("RH-001 handler said no {k=v} result=null");
    }

    @Test
    void afterHookMayTurnAResultIntoAnError() {
        start(HandlerPipeline.builder().after(ctx -> ctx.setError(new PitayaException("RH-999", "vetoed")), 1, "veto").build());
        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"RH-999\",\"msg\":\"vetoed\"}");
        assertThat(svc.calls).hasValue(1);
    }

    @Test
    void afterHookSeesCheckedExceptionsAndTheNullReplyError() {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(HandlerPipeline.builder().after(ctx -> seen.add(ctx.error().getClass().getSimpleName() + ": "
                + ctx.error().getMessage()), 1, "watch").build());

        client.request(1, "svc.checked", "{}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"disk on fire\"}");
        client.request(2, "svc.nothing", "{}");
        assertThat(client.errorResponse(2)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"reply must not be null\"}");
        assertThat(seen).containsExactly("IOException: disk on fire", "PitayaException: reply must not be null");
    }

    @Test
    void everyAfterHookRunsAndAThrowingOneReplacesTheOutcome() {
        start(HandlerPipeline.builder()
                .after(ctx -> {
                    throw new PitayaException("RH-500", "after hook failed");
                }, 1, "thrower")
                .after(ctx -> trace.add("next saw " + ((PitayaException) ctx.error()).code()), 2, "next")
                .build());
        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"RH-500\",\"msg\":\"after hook failed\"}");
        assertThat(trace).containsExactly("next saw RH-500");
    }

    @Test
    void anAfterHookSettingNullForARequestAnswersTheNullReplyError() {
        start(HandlerPipeline.builder().after(ctx -> ctx.setResult(null), 1, "null").build());
        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        assertThat(client.errorResponse(1)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"reply must not be null\"}");
    }

    // --- order, notifies, sharing, scope --------------------------------------------------------------------------

    @Test
    void hooksRunByPriorityLowestFirstThenByName() {
        start(HandlerPipeline.builder()
                .before(before("b-3000"), 3000, "b")
                .before(before("a-3000"), 3000, "a")
                .before(before("z-10"), 10, "z")
                .after(after("late"), 5000, "late")
                .after(after("early"), 1, "early")
                .build());
        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        client.response(1);
        assertThat(trace).containsExactly("before z-10", "before a-3000", "before b-3000", "after early", "after late");
    }

    @Test
    void hooksRunForNotifiesToo() {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(HandlerPipeline.builder()
                .before(ctx -> {
                    seen.add("before " + ctx.callType() + " " + ctx.isRequest());
                    ctx.setArgument(new Greeting("changed"));
                }, 1, "b")
                .after(ctx -> seen.add("after result=" + ctx.result() + " error=" + ctx.error()), 1, "a")
                .build());
        client.notify("svc.note", "{\"msg\":\"n\"}");
        assertThat(svc.notified).containsExactly("changed");
        assertThat(seen).containsExactly("before NOTIFY false", "after result=null error=null");
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void attributesCarryValuesFromBeforeToAfterWithinOneCall() {
        start(HandlerPipeline.builder()
                .before(ctx -> ctx.attributes().put("started", ctx.route()), 1, "b")
                .after(ctx -> ctx.setResult(Map.of("started", ctx.attributes().get("started"),
                        "keys", ctx.attributes().keySet().size())), 1, "a")
                .build());
        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        assertThat(client.response(1)).contains("\"started\":\"connector.svc.hello\"").contains("\"keys\":1");
        client.request(2, "svc.noarg", "{}");
        assertThat(client.response(2)).contains("\"started\":\"connector.svc.noarg\"");
    }

    @Test
    void hooksDoNotRunWhenTheCallNeverReachesAHandler() {
        start(HandlerPipeline.builder().before(before("x"), 1, "x").after(after("x"), 1, "x").build());
        client.request(1, "svc.missing", "{}");
        assertThat(client.errorResponse(1)).contains("PIT-404");
        client.request(2, "svc.hello", "{not json");
        assertThat(client.errorResponse(2)).contains("PIT-400");
        client.request(3, "svc.note", "{}");
        assertThat(client.errorResponse(3)).contains("tried to request a notify route");
        assertThat(trace).isEmpty();
    }

    @Test
    void hooksRunInsideTheHandlersInvocationScope() {
        ThreadLocal<String> scoped = new ThreadLocal<>();
        InvocationScope scope = new InvocationScope() {
            @Override
            public <T> T call(Session session, Supplier<T> work) {
                scoped.set("in scope of " + session.id());
                try {
                    return work.get();
                } finally {
                    scoped.remove();
                }
            }
        };
        server = TestServer.builder().handler(svc).scope(scope).pipeline(HandlerPipeline.builder()
                .before(ctx -> trace.add("before " + scoped.get()), 1, "b")
                .after(ctx -> trace.add("after " + scoped.get()), 1, "a")
                .build()).start();
        client = server.connect().ready();
        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        client.response(1);
        assertThat(trace).containsExactly("before in scope of " + client.id(), "after in scope of " + client.id());
    }

    @Test
    void oneContextObjectServesBothSidesAndIsAHandlerContext() {
        List<HandlerContext> contexts = new CopyOnWriteArrayList<>();
        start(HandlerPipeline.builder()
                .before(contexts::add, 1, "b")
                .after(ctx -> contexts.add(ctx), 1, "a")
                .build());
        client.request(1, "svc.hello", "{\"msg\":\"a\"}");
        client.response(1);
        assertThat(contexts).hasSize(2);
        assertThat(contexts.get(0)).isSameAs(contexts.get(1)).isInstanceOf(BeforeContext.class).isInstanceOf(AfterContext.class);
        assertThat(contexts.get(0).callType()).isEqualTo(CallType.REQUEST);
    }

    @Test
    void pipelineDescribesItsOrderForTheStartupLog() {
        HandlerPipeline p = HandlerPipeline.builder().before(before("x"), 2, "second").before(before("y"), 1, "first")
                .after(after("z"), 7, "after").build();
        assertThat(p).hasToString("before [first(1), second(2)], after [after(7)]");
        assertThat(HandlerPipeline.EMPTY.isEmpty()).isTrue();
        assertThat(BeforeHandler.DEFAULT_PRIORITY).isEqualTo(2500);
    }
}
