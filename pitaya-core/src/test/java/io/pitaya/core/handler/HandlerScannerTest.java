package io.pitaya.core.handler;

import io.pitaya.api.Handler;
import io.pitaya.api.Ignore;
import io.pitaya.api.Route;
import io.pitaya.api.Session;
import io.pitaya.core.handler.HandlerMethod.ParameterKind;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerScannerTest {

    @Handler
    public static class ChatRoom {
        public String join(Session session, Map<String, Object> in) {
            return "joined";
        }

        public void sendMessage(List<String> lines) {
        }

        public byte[] rawData(byte[] in, Session session) {
            return in;
        }

        @Route("getInfo")
        public String info() {
            return "info";
        }

        @Ignore
        public String helper() {
            return "not a route";
        }

        @PostConstruct
        public void init() {
        }

        @PreDestroy
        public void destroy() {
        }

        public static String staticMethod() {
            return "no";
        }

        String packagePrivate() {
            return "no";
        }
    }

    @Handler("lobby")
    public static class Named {
        public int count() {
            return 1;
        }
    }

    @Handler
    public static class TwoPayloads {
        public String both(Map<String, Object> a, Map<String, Object> b) {
            return "";
        }
    }

    @Handler
    public static class RawAndPayload {
        public String both(byte[] raw, Map<String, Object> parsed) {
            return "";
        }
    }

    @Handler
    public static class NoMethods {
        @Ignore
        public String ignored() {
            return "";
        }

        void hidden() {
        }
    }

    @Handler("a.b")
    public static class DottedService {
        public String x() {
            return "";
        }
    }

    @Handler("a/b")
    public static class SlashedService {
        public String x() {
            return "";
        }
    }

    @Handler
    public static class DottedRoute {
        @Route("x.y")
        public String x() {
            return "";
        }
    }

    @Handler
    public static class BlankRoute {
        @Route(" ")
        public String x() {
            return "";
        }
    }

    @Handler
    public static class CaseClash {
        public String join() {
            return "";
        }

        public String JOIN() {
            return "";
        }
    }

    @Handler("named")
    public static class SameServiceAsNamedDifferentMethod {
        public String other() {
            return "";
        }
    }

    @Handler("lobby")
    public static class SameRouteAsNamed {
        @Route("count")
        public int again() {
            return 2;
        }
    }

    public static class Base {
        public String inherited() {
            return "base";
        }
    }

    @Handler
    public static class Derived extends Base {
        public String own() {
            return "own";
        }
    }

    private static final Supplier<Object> NO_TARGET = () -> null;

    private static Map<String, HandlerMethod> byKey(List<HandlerMethod> methods) {
        Map<String, HandlerMethod> map = new java.util.TreeMap<>();
        methods.forEach(m -> map.put(m.key(), m));
        assertThat(map).as("duplicate keys in %s", methods).hasSameSizeAs(methods);
        return map;
    }

    @Test
    void namesAreLowerCasedByDefaultAndRouteOverridesVerbatim() {
        // helper (@Ignore), init/destroy (lifecycle), static and package-private methods and Object's are absent
        Map<String, HandlerMethod> methods = byKey(HandlerScanner.scan(ChatRoom.class, NO_TARGET));
        assertThat(methods).containsOnlyKeys("chatroom.join", "chatroom.sendmessage", "chatroom.rawdata",
                "chatroom.getInfo");
        assertThat(HandlerScanner.serviceName(ChatRoom.class)).isEqualTo("chatroom");
    }

    @Test
    void handlerValueNamesTheService() {
        assertThat(HandlerScanner.scan(Named.class, NO_TARGET)).extracting(HandlerMethod::key)
                .containsExactly("lobby.count");
        assertThat(HandlerScanner.serviceName(Named.class)).isEqualTo("lobby");
    }

    @Test
    void inheritedPublicMethodsAreRoutes() {
        assertThat(HandlerScanner.scan(Derived.class, NO_TARGET)).extracting(HandlerMethod::key)
                .containsExactlyInAnyOrder("derived.own", "derived.inherited");
    }

    @Test
    void methodShapesAreDescribed() {
        Map<String, HandlerMethod> methods = byKey(HandlerScanner.scan(ChatRoom.class, NO_TARGET));

        HandlerMethod join = methods.get("chatroom.join");
        assertThat(join.kind()).isEqualTo(HandlerKind.REQUEST);
        assertThat(join.parameters()).containsExactly(ParameterKind.SESSION, ParameterKind.PAYLOAD);
        assertThat(join.payloadType().getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
        assertThat(join.returnsRaw()).isFalse();

        HandlerMethod send = methods.get("chatroom.sendmessage");
        assertThat(send.kind()).isEqualTo(HandlerKind.NOTIFY);
        assertThat(send.payloadType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");

        HandlerMethod raw = methods.get("chatroom.rawdata");
        assertThat(raw.parameters()).containsExactly(ParameterKind.RAW_PAYLOAD, ParameterKind.SESSION);
        assertThat(raw.returnsRaw()).isTrue();

        HandlerMethod info = methods.get("chatroom.getInfo");
        assertThat(info.parameters()).isEmpty();
        assertThat(info.payloadType()).isNull();
        assertThat(info.method().getName()).isEqualTo("info");
    }

    @Test
    void theTargetSupplierIsKept() {
        Named instance = new Named();
        HandlerMethod m = HandlerScanner.scan(Named.class, () -> instance).get(0);
        assertThat(m.target().get()).isSameAs(instance);
    }

    @Test
    void twoPayloadParametersAreRejected() {
        assertThatThrownBy(() -> HandlerScanner.scan(TwoPayloads.class, NO_TARGET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than one payload parameter");
        assertThatThrownBy(() -> HandlerScanner.scan(RawAndPayload.class, NO_TARGET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than one payload parameter");
    }

    @Test
    void aHandlerWithoutMethodsIsRejected() {
        assertThatThrownBy(() -> HandlerScanner.scan(NoMethods.class, NO_TARGET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no public handler methods");
    }

    @Test
    void namesWithDotsSlashesOrBlanksAreRejected() {
        for (Class<?> type : List.of(DottedService.class, SlashedService.class, DottedRoute.class, BlankRoute.class)) {
            assertThatThrownBy(() -> HandlerScanner.scan(type, NO_TARGET)).as(type.getSimpleName())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid route name");
        }
    }

    @Test
    void duplicateRoutesAreRejectedByTheRegistry() {
        HandlerRegistry.Builder builder = HandlerRegistry.builder().add(HandlerScanner.scan(Named.class, NO_TARGET));
        assertThatThrownBy(() -> builder.add(HandlerScanner.scan(SameRouteAsNamed.class, NO_TARGET)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("route lobby.count is declared twice");

        assertThatThrownBy(() -> HandlerRegistry.builder().add(HandlerScanner.scan(CaseClash.class, NO_TARGET)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("route caseclash.join is declared twice");
    }

    @Test
    void registryLooksUpByServiceAndMethod() {
        HandlerRegistry registry = HandlerRegistry.builder()
                .add(HandlerScanner.scan(Named.class, NO_TARGET))
                .add(HandlerScanner.scan(SameServiceAsNamedDifferentMethod.class, NO_TARGET))
                .build();
        assertThat(registry.lookup("lobby.count")).isNotNull();
        assertThat(registry.lookup("named.other")).isNotNull();
        assertThat(registry.lookup("lobby.Count")).isNull();
        assertThat(registry.lookup("connector.lobby.count")).isNull();
        assertThat(registry.all()).hasSize(2);
    }
}
