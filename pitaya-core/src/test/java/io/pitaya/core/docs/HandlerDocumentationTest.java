package io.pitaya.core.docs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.core.docs.testprotos.Legacy;
import io.pitaya.core.docs.testprotos.Shapes;
import io.pitaya.core.docs.testprotos.SysProtos;
import io.pitaya.core.handler.HandlerMethod;
import io.pitaya.core.handler.HandlerScanner;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.serialize.ProtobufSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documentation has the shape Pitaya's docgenerator gives the equivalent Go handlers: the expected values are
 * Pitaya's own test expectations (pkg/app_test.go TestDocumentation[True], pkg/docgenerator/generator_test.go)
 * where a Go equivalent exists.
 */
class HandlerDocumentationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Handlers with the signatures of Pitaya's sys remotes ({@code bindsession}, {@code kick}, {@code pushsession}). */
    @Handler("sys")
    public static class Sys {
        public SysProtos.Response bindsession(SysProtos.Session session) {
            return SysProtos.Response.getDefaultInstance();
        }

        public SysProtos.KickAnswer kick(SysProtos.KickMsg msg) {
            return SysProtos.KickAnswer.getDefaultInstance();
        }

        public SysProtos.Response pushsession(SysProtos.Session session) {
            return SysProtos.Response.getDefaultInstance();
        }
    }

    /** generator_test.go's MyComp, in Java. */
    @Handler("MyComp")
    public static class MyComp {
        @io.pitaya.api.Route("HandlerEmpty")
        public void handlerEmpty(Session session) {
        }

        @io.pitaya.api.Route("HandlerRaw")
        public byte[] handlerRaw(byte[] raw) {
            return raw;
        }

        @io.pitaya.api.Route("HandlerOrRemoteStruct")
        public MyStruct handlerOrRemoteStruct(MyStruct s) {
            return s;
        }
    }

    public enum Color { RED, BLUE }

    public record Inner(String str, int count) {
    }

    /** generator_test.go's MyStruct with Java's types: fields by their JSON (Jackson) names. */
    public record MyStruct(String str, @JsonProperty("int") int number, Instant time, @JsonIgnore String notOnJson,
                           byte[] bytes, Inner struct, List<Inner> slice, Map<String, Object> data,
                           Optional<Inner> maybe, Color color, long[] longs, Map<String, List<Inner>> groups,
                           Boolean flag, double ratio, Object anything) {
    }

    @Handler("shapes")
    public static class ShapesSvc {
        public Shapes.Player player(Shapes.Player in) {
            return in;
        }

        public void old(Legacy.Old old) {
        }
    }

    private static HandlerDocumentation docs(String serverType, Object... handlers) {
        List<HandlerMethod> methods = new ArrayList<>();
        for (Object h : handlers) {
            methods.addAll(HandlerScanner.scan(h.getClass(), () -> h));
        }
        return new HandlerDocumentation(serverType, methods, new ObjectMapper().findAndRegisterModules());
    }

    private static Map<String, Object> json(String json) throws Exception {
        return MAPPER.readValue(json, new TypeReference<>() {
        });
    }

    private static final String RESPONSE = "{\"*protos.Response\":{\"data\":\"[]byte\",\"error\":{\"*protos.Error\":"
            + "{\"code\":\"string\",\"metadata\":\"map[string]string\",\"msg\":\"string\"}}}}";
    private static final String SESSION = "{\"*protos.Session\":{\"data\":\"[]byte\",\"id\":\"int64\",\"uid\":\"string\"}}";

    @Test
    void pitayasSysRemotesWithTypeNamesAsTestDocumentationTrue() {
        HandlerDocumentation docs = docs("testtype", new Sys());
        String handler = "{\"input\":" + SESSION + ",\"output\":[" + RESPONSE + ",\"error\"]}";
        assertThat(docs.documentationJson(true)).isEqualTo("{\"handlers\":{"
                + "\"testtype.sys.bindsession\":" + handler + ","
                + "\"testtype.sys.kick\":{\"input\":{\"*protos.KickMsg\":{\"userId\":\"string\"}},"
                + "\"output\":[{\"*protos.KickAnswer\":{\"kicked\":\"bool\"}},\"error\"]},"
                + "\"testtype.sys.pushsession\":" + handler + "},\"remotes\":{}}");
    }

    /** Pitaya's sys remotes as what they are in Go: remotes. */
    @io.pitaya.api.Remote("sys")
    public static class SysRemotes extends Sys {
    }

    @Test
    void remotesAreDocumentedUnderRemotesAsPitayasTestDocumentation() throws Exception {
        HandlerDocumentation docs = new HandlerDocumentation("testtype", List.of(),
                io.pitaya.core.remote.RemoteScanner.scan(SysRemotes.class, SysRemotes::new),
                new ObjectMapper().findAndRegisterModules());
        Map<String, Object> bind = Map.of(
                "input", Map.of("uid", "string", "data", "[]byte", "id", "int64"),
                "output", List.of(Map.of(
                        "error", Map.of("msg", "string", "code", "string", "metadata", "map[string]string"),
                        "data", "[]byte"), "error"));
        assertThat(docs.documentation(false)).isEqualTo(Map.of(
                "handlers", Map.of(),
                "remotes", Map.of(
                        "testtype.sys.bindsession", bind,
                        "testtype.sys.pushsession", bind,
                        "testtype.sys.kick", Map.of(
                                "input", Map.of("userId", "string"),
                                "output", List.of(Map.of("kicked", "bool"), "error")))));
        assertThat(json(docs.documentationJson(false))).isEqualTo(docs.documentation(false));
        assertThat(docs.descriptor("protos.KickMsg")).isPresent();
    }

    @Test
    void pitayasSysRemotesWithoutTypeNamesAsTestDocumentation() throws Exception {
        HandlerDocumentation docs = docs("testtype", new Sys());
        Map<String, Object> bind = Map.of(
                "input", Map.of("uid", "string", "data", "[]byte", "id", "int64"),
                "output", List.of(Map.of(
                        "error", Map.of("msg", "string", "code", "string", "metadata", "map[string]string"),
                        "data", "[]byte"), "error"));
        assertThat(docs.documentation(false)).isEqualTo(Map.of(
                "handlers", Map.of(
                        "testtype.sys.bindsession", bind,
                        "testtype.sys.pushsession", bind,
                        "testtype.sys.kick", Map.of(
                                "input", Map.of("userId", "string"),
                                "output", List.of(Map.of("kicked", "bool"), "error"))),
                "remotes", Map.of()));
        assertThat(json(docs.documentationJson(false))).isEqualTo(docs.documentation(false));
    }

    @Test
    void noPayloadIsNullInputAndANotifyHasNoOutputAsHandlerEmpty() throws Exception {
        Map<String, Object> handlers = handlers(docs("metagame", new MyComp()).documentation(false));
        assertThat(json("{\"input\":null,\"output\":[]}")).isEqualTo(handlers.get("metagame.MyComp.HandlerEmpty"));
        assertThat(json("{\"input\":\"[]byte\",\"output\":[\"[]byte\",\"error\"]}"))
                .isEqualTo(handlers.get("metagame.MyComp.HandlerRaw"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> handlers(Map<String, Object> docs) {
        return (Map<String, Object>) docs.get("handlers");
    }

    @Test
    void recordsAreDescribedByTheirJsonPropertiesWithGoTypeNames() throws Exception {
        HandlerDocumentation docs = docs("metagame", new MyComp());
        String inner = "{\"*io.pitaya.core.docs.HandlerDocumentationTest.Inner\":{\"count\":\"int32\",\"str\":\"string\"}}";
        String myStruct = "{\"*io.pitaya.core.docs.HandlerDocumentationTest.MyStruct\":{"
                + "\"anything\":\"interface {}\","
                + "\"bytes\":\"[]byte\","
                + "\"color\":\"io.pitaya.core.docs.HandlerDocumentationTest.Color\","
                + "\"data\":\"map[string]interface {}\","
                + "\"flag\":\"bool\","
                + "\"groups\":\"map[string][]*io.pitaya.core.docs.HandlerDocumentationTest.Inner\","
                + "\"int\":\"int32\","
                + "\"longs\":[\"int64\"],"
                + "\"maybe\":" + inner + ","
                + "\"ratio\":\"float64\","
                + "\"slice\":[" + inner + "],"
                + "\"str\":\"string\","
                + "\"struct\":" + inner + ","
                + "\"time\":\"java.time.Instant\"}}";
        Map<String, Object> expected = json("{\"input\":" + myStruct + ",\"output\":[" + myStruct + ",\"error\"]}");
        assertThat(handlers(docs.documentation(true)).get("metagame.MyComp.HandlerOrRemoteStruct")).isEqualTo(expected);
    }

    @Test
    void protobufMessagesAsProtocGenGoStructs() throws Exception {
        HandlerDocumentation docs = docs("connector", new ShapesSvc());
        String position = "{\"*shapeprotos.Player.Position\":{\"x\":\"float32\",\"y\":\"float64\"}}";
        String old = "{\"*legacyprotos.Old\":{\"blob\":\"[]byte\",\"count\":\"*int32\",\"ids\":[\"int64\"],"
                + "\"kind\":\"*legacyprotos.Old.Kind\",\"label\":\"*string\"}}";
        String player = "{\"*shapeprotos.Player\":{"
                + "\"%s\":\"shapeprotos.isPlayer_RewardKind\","
                + "\"avatar\":\"[]byte\","
                + "\"color\":\"shapeprotos.Color\","
                + "\"friend\":{\"*shapeprotos.Player\":{}},"
                + "\"gold\":\"uint64\","
                + "\"joined_at\":{\"*google.protobuf.Timestamp\":{\"nanos\":\"int32\",\"seconds\":\"int64\"}},"
                + "\"level\":\"uint32\","
                + "\"mood\":\"shapeprotos.Player.Mood\","
                + "\"name\":\"string\","
                + "\"old\":" + old + ","
                + "\"online\":\"bool\","
                + "\"palette\":[\"shapeprotos.Color\"],"
                + "\"path\":[" + position + "],"
                + "\"places\":\"map[int64]*shapeprotos.Player.Position\","
                + "\"position\":" + position + ","
                + "\"rank\":\"*int32\","
                + "\"score\":\"int64\","
                + "\"stats\":\"map[string]int32\","
                + "\"tags\":[\"string\"]}}";
        Map<String, Object> handlers = handlers(docs.documentation(true));
        // a oneof is one field of Go's interface type: lower-cased first letter for input (Pitaya's docgenerator)
        assertThat(handlers.get("connector.shapes.player")).isEqualTo(json("{\"input\":"
                + player.formatted("rewardKind") + ",\"output\":[" + player.formatted("RewardKind") + ",\"error\"]}"));
        assertThat(handlers.get("connector.shapes.old")).isEqualTo(json("{\"input\":" + old + ",\"output\":[]}"));
    }

    @Test
    void theBuiltInRoutesDescribeThemselvesAsPitayaCliLooksForThem() {
        AtomicReference<HandlerDocumentation> ref = new AtomicReference<>();
        List<HandlerMethod> methods = new ArrayList<>(DocsRoutes.methods(new ProtobufSerializer(), ref::get));
        ref.set(new HandlerDocumentation("connector", methods, new ObjectMapper()));
        // exactly what Go's docgenerator gives *protos.Doc, *protos.ProtoNames and *protos.ProtoDescriptors
        assertThat(ref.get().documentationJson(true)).isEqualTo("{\"handlers\":{"
                + "\"connector.docsHandler.descriptors\":{\"input\":{\"*protos.ProtoNames\":{\"name\":[\"string\"]}},"
                + "\"output\":[{\"*protos.ProtoDescriptors\":{\"desc\":[\"[]byte\"]}},\"error\"]},"
                + "\"connector.docsHandler.docs\":{\"input\":null,\"output\":[{\"*protos.Doc\":{\"doc\":\"string\"}},"
                + "\"error\"]}},\"remotes\":{}}");
    }

    @Test
    void theJsonFlavourOfTheBuiltInRoutesUsesRecordsOfTheSameShape() {
        AtomicReference<HandlerDocumentation> ref = new AtomicReference<>();
        List<HandlerMethod> methods = new ArrayList<>(DocsRoutes.methods(new JsonSerializer(), ref::get));
        ref.set(new HandlerDocumentation("connector", methods, new ObjectMapper()));
        assertThat(ref.get().documentation(false)).isEqualTo(Map.of(
                "handlers", Map.of(
                        "connector.docsHandler.descriptors", Map.of(
                                "input", Map.of("name", List.of("string")),
                                "output", List.of(Map.of("desc", List.of("[]byte")), "error")),
                        "connector.docsHandler.docs", nullInput(Map.of("doc", "string"))),
                "remotes", Map.of()));
    }

    private static Map<String, Object> nullInput(Object output) {
        Map<String, Object> doc = new java.util.HashMap<>();
        doc.put("input", null);
        doc.put("output", List.of(output, "error"));
        return doc;
    }

    @Test
    void theTreeIsUnmodifiableAndComputedOnce() {
        HandlerDocumentation docs = docs("testtype", new Sys());
        assertThat(docs.documentation(true)).isSameAs(docs.documentation(true));
        assertThat(docs.documentationJson(false)).isSameAs(docs.documentationJson(false));
        assertThatThrownBy(() -> docs.documentation(true).put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> handlers(docs.documentation(true)).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void descriptorsCoverTheHandlersMessagesTheirFilesImportsAndPitayasProtos() {
        HandlerDocumentation docs = docs("connector", new ShapesSvc(), new Sys());
        for (String name : List.of("shapeprotos.Player", "shapeprotos.Player.Position", "legacyprotos.Old",
                "google.protobuf.Timestamp", "types.Timestamp", "protos.Session", "protos.KickAnswer", "protos.Error",
                "protos.Doc", "protos.ProtoNames", "protos.ProtoDescriptors", "protos.ProtoName", "shapes.proto",
                "google/protobuf/timestamp.proto", "error.proto")) {
            assertThat(docs.descriptor(name)).as(name).isPresent();
        }
        for (String name : List.of("shapeprotos.Color", "shapeprotos.Nope", "Player", "nope.proto", "")) {
            assertThat(docs.descriptor(name)).as(name).isEmpty();
        }
    }
}
