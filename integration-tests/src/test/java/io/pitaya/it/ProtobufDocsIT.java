package io.pitaya.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.pitaya.client.Response;
import io.pitaya.it.docs.DocsGame;
import io.pitaya.protocol.error.ErrorPayload;
import io.pitaya.protocol.proto.Doc;
import io.pitaya.protocol.proto.ProtoDescriptors;
import io.pitaya.protocol.proto.ProtoNames;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pitaya-cli's protobuf mode against a real server, in Java: the steps of Pitaya's {@code pkg/client/protoclient.go}
 * ({@code LoadServerInfo}, {@code getDescriptors}, {@code SendRequest}, {@code waitForData}) with the docs route the
 * user passes as {@code --docs connector.docsHandler.docs}, over TCP and WebSocket. The server runs the built-in docs
 * routes ({@code pitaya.handler.docs.enabled=true}) with the protobuf serializer.
 */
@ExtendWith(ArquillianExtension.class)
class ProtobufDocsIT {

    private static final String DOCS_ROUTE = "connector.docsHandler.docs";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, "pitaya-it-docs-app.jar")
                .addPackage(DocsGame.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset("config_ordinal=500\npitaya.server.type=connector\n"
                        + "pitaya.serializertype=2\npitaya.handler.docs.enabled=true\n"), "microprofile-config.properties");
        return Deployments.demoEar().addAsLibrary(app);
    }

    /** One route of the server as pitaya-cli knows it: its input and output message types. */
    record Command(String input, String output, Descriptor inputType, Descriptor outputType) {
    }

    /** What {@code LoadServerInfo} leaves behind: the commands by full route, and the descriptors route found. */
    record ServerInfo(Map<String, Command> commands, String descriptorsRoute, String docs) {
    }

    @Test
    void pitayaCliProtobufModeOverTcp() throws Exception {
        pitayaCliSession(Deployments.TCP);
    }

    @Test
    void pitayaCliProtobufModeOverWebSocket() throws Exception {
        pitayaCliSession(Deployments.WS);
    }

    private void pitayaCliSession(URI endpoint) throws Exception {
        try (ByteClient c = ByteClient.connect(endpoint)) {
            ServerInfo info = loadServerInfo(c);
            assertThat(info.descriptorsRoute()).isEqualTo("connector.docsHandler.descriptors");
            assertThat(info.commands()).containsKeys("connector.game.join", "connector.game.leave",
                    "connector.game.plaindocs", DOCS_ROUTE, "connector.docsHandler.descriptors");

            Command join = info.commands().get("connector.game.join");
            assertThat(join.input()).isEqualTo("gameprotos.JoinRequest");
            assertThat(join.output()).isEqualTo("gameprotos.JoinResponse");
            assertThat(join.inputType()).isNotNull();
            assertThat(join.outputType()).isNotNull();
            assertThat(info.commands().get(DOCS_ROUTE).output()).isEqualTo("protos.Doc");
            assertThat(info.commands().get("connector.game.plaindocs").input()).isEmpty(); // takes nothing: ""
            Command chatJoin = info.commands().get("connector.room.join"); // the chat demo's, a record: not a proto
            assertThat(chatJoin.input()).isEmpty();
            assertThat(chatJoin.inputType()).isNull();

            // >>> request connector.game.join {"name":"bob",...}
            DynamicMessage answer = request(c, info, "connector.game.join", "{\"name\":\"bob\",\"level\":3,"
                    + "\"tags\":[\"a\",\"b\"],\"team\":\"BLUE\",\"spawn\":{\"x\":1.5,\"y\":-2},\"stats\":{\"wins\":7,\"losses\":2}}");
            Descriptor out = join.outputType();
            assertThat(answer.getField(out.findFieldByName("code"))).isEqualTo(200);
            assertThat(answer.getField(out.findFieldByName("greeting"))).isEqualTo("hello bob");
            assertThat(answer.getField(out.findFieldByName("tags"))).isEqualTo(List.of("a", "b"));
            assertThat(((EnumValueDescriptor) answer.getField(out.findFieldByName("team"))).getName()).isEqualTo("BLUE");
            assertThat(answer.getField(out.findFieldByName("total"))).isEqualTo(12L);
            Message spawn = (Message) answer.getField(out.findFieldByName("spawn"));
            assertThat(spawn.getField(spawn.getDescriptorForType().findFieldByName("x"))).isEqualTo(1.5);
            assertThat(spawn.getField(spawn.getDescriptorForType().findFieldByName("y"))).isEqualTo(-2.0);
            Message joinedAt = (Message) answer.getField(out.findFieldByName("joined_at"));
            assertThat(joinedAt.getDescriptorForType().getFullName()).isEqualTo("google.protobuf.Timestamp");
            assertThat(joinedAt.getField(joinedAt.getDescriptorForType().findFieldByName("seconds"))).isEqualTo(1_700_000_000L);
            assertThat(answer.getUnknownFields().asMap()).isEmpty();

            // >>> request connector.docsHandler.docs   ({} or no data: sent empty)
            DynamicMessage doc = request(c, info, DOCS_ROUTE, "{}");
            assertThat(doc.getField(doc.getDescriptorForType().findFieldByName("doc"))).isEqualTo(info.docs());
        }
    }

    @Test
    void theDocumentationHasPitayasShape() throws Exception {
        try (ByteClient c = ByteClient.connect(Deployments.TCP)) {
            String docs = Doc.parseFrom(ok(c, DOCS_ROUTE, new byte[0]).data()).getDoc();
            JsonNode tree = JSON.readTree(docs);
            assertThat(tree.get("remotes").isObject()).isTrue();
            assertThat(tree.get("remotes").size()).isZero();
            String position = "{\"*commonprotos.Position\":{\"x\":\"float64\",\"y\":\"float64\"}}";
            assertThat(tree.get("handlers").get("connector.game.join")).isEqualTo(JSON.readTree("{"
                    + "\"input\":{\"*gameprotos.JoinRequest\":{\"level\":\"int32\",\"name\":\"string\",\"spawn\":" + position
                    + ",\"stats\":\"map[string]int64\",\"tags\":[\"string\"],\"team\":\"gameprotos.Team\"}},"
                    + "\"output\":[{\"*gameprotos.JoinResponse\":{\"code\":\"int32\",\"greeting\":\"string\","
                    + "\"joined_at\":{\"*google.protobuf.Timestamp\":{\"nanos\":\"int32\",\"seconds\":\"int64\"}},"
                    + "\"spawn\":" + position + ",\"tags\":[\"string\"],\"team\":\"gameprotos.Team\",\"total\":\"int64\"}},"
                    + "\"error\"]}"));
            assertThat(tree.get("handlers").get("connector.game.leave").toString())
                    .isEqualTo("{\"input\":{\"*gameprotos.JoinRequest\":" + tree.get("handlers").get("connector.game.join")
                            .get("input").get("*gameprotos.JoinRequest") + "},\"output\":[]}");
            assertThat(tree.get("handlers").get(DOCS_ROUTE).toString())
                    .isEqualTo("{\"input\":null,\"output\":[{\"*protos.Doc\":{\"doc\":\"string\"}},\"error\"]}");
            // Go's json.Marshal: compact, keys sorted
            assertThat(docs).startsWith("{\"handlers\":{\"connector.docsHandler.descriptors\":{\"input\":"
                    + "{\"*protos.ProtoNames\":{\"name\":[\"string\"]}},\"output\":[{\"*protos.ProtoDescriptors\":"
                    + "{\"desc\":[\"[]byte\"]}},\"error\"]},\"connector.docsHandler.docs\":").endsWith("},\"remotes\":{}}");

            // the injectable Documentation, without type names
            JsonNode plain = JSON.readTree(ok(c, "game.plaindocs", new byte[0]).data());
            assertThat(plain.get("handlers").get("connector.game.join").get("input").get("spawn").toString())
                    .isEqualTo("{\"x\":\"float64\",\"y\":\"float64\"}");
        }
    }

    @Test
    void descriptorsAreGzippedLikeProtocGenGoAndUnknownNamesFail() throws Exception {
        try (ByteClient c = ByteClient.connect(Deployments.WS)) {
            ProtoNames names = ProtoNames.newBuilder().addName("gameprotos.JoinRequest").addName("docsgame.proto")
                    .addName("types.Timestamp").build();
            ProtoDescriptors descriptors = ProtoDescriptors.parseFrom(
                    ok(c, "connector.docsHandler.descriptors", names.toByteArray()).data());
            assertThat(descriptors.getDescCount()).isEqualTo(3);
            assertThat(descriptors.getDesc(0)).isEqualTo(descriptors.getDesc(1));
            assertThat(descriptors.getDesc(0).substring(0, 10).toByteArray())
                    .containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
            assertThat(FileDescriptorProto.parseFrom(gunzip(descriptors.getDesc(0))).getName()).isEqualTo("docsgame.proto");
            assertThat(FileDescriptorProto.parseFrom(gunzip(descriptors.getDesc(2))).getName())
                    .isEqualTo("google/protobuf/timestamp.proto");

            names = ProtoNames.newBuilder().addName("gameprotos.JoinRequest").addName("gameprotos.Nope").build();
            Response r = c.request("connector.docsHandler.descriptors", names.toByteArray());
            assertThat(r.isError()).isTrue();
            ErrorPayload e = ErrorPayload.fromProtobuf(r.data());
            assertThat(e.code()).isEqualTo("PIT-000");
            assertThat(e.msg()).isEqualTo("failed to get descriptor for 'gameprotos.Nope': failed to get protobuf message descriptor");
        }
    }

    // --- pitaya-cli's protobuf client, step by step ---------------------------------------------------------

    /** {@code LoadServerInfo}: the docs route, then one request for every descriptor the docs name. */
    private static ServerInfo loadServerInfo(ByteClient c) throws Exception {
        String docs = Doc.parseFrom(ok(c, DOCS_ROUTE, new byte[0]).data()).getDoc();
        Map<String, Object> m = JSON.readValue(docs, new TypeReference<>() {
        });
        Set<String> keys = new LinkedHashSet<>();
        collectKeys(m, keys);

        Map<String, Command> commands = new LinkedHashMap<>();
        String descriptorsRoute = null;
        for (Map.Entry<String, Object> e : asMap(m.get("handlers")).entrySet()) {
            String[] inOut = inputOutputNames(asMap(e.getValue()));
            commands.put(e.getKey(), new Command(inOut[0], inOut[1], null, null));
            if (descriptorsRoute == null && inOut[0].equals("protos.ProtoNames") && inOut[1].equals("protos.ProtoDescriptors")) {
                descriptorsRoute = e.getKey();
            }
        }
        for (Map.Entry<String, Object> e : asMap(m.get("remotes")).entrySet()) { // must be an object, even empty
            String[] inOut = inputOutputNames(asMap(e.getValue()));
            commands.put(e.getKey(), new Command(inOut[0], inOut[1], null, null));
        }
        assertThat(descriptorsRoute).as("the descriptors route is found in the docs").isNotNull();

        List<String> names = new ArrayList<>(keys);
        ProtoDescriptors answer = ProtoDescriptors.parseFrom(
                ok(c, descriptorsRoute, ProtoNames.newBuilder().addAllName(names).build().toByteArray()).data());
        assertThat(answer.getDescCount()).as("one descriptor per name, in order").isEqualTo(names.size());
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        for (ByteString desc : answer.getDescList()) {
            FileDescriptorProto file = FileDescriptorProto.parseFrom(gunzip(desc));
            protos.put(file.getName(), file);
        }
        // desc.CreateFileDescriptors: every file with all its imports among the answers
        Map<String, FileDescriptor> files = new HashMap<>();
        for (String file : protos.keySet()) {
            build(file, protos, files);
        }
        Map<String, Descriptor> messages = new HashMap<>();
        for (String name : names) {
            for (FileDescriptor file : files.values()) {
                Descriptor found = findMessage(file, name);
                if (found != null) {
                    messages.put(name, found);
                }
            }
        }
        // the chat demo's records (in the same EAR) are documented too: they get empty files, their routes no types
        assertThat(messages.keySet()).as("every documented message was described")
                .containsExactlyInAnyOrderElementsOf(names.stream().filter(n -> !n.startsWith("io.pitaya.examples.")).toList());
        Map<String, Command> resolved = new LinkedHashMap<>();
        commands.forEach((route, cmd) -> resolved.put(route, new Command(cmd.input(), cmd.output(),
                messages.get(cmd.input()), messages.get(cmd.output()))));
        return new ServerInfo(resolved, descriptorsRoute, docs);
    }

    /** {@code getKeys}: every map key with a {@code *}, without it, anywhere in the docs. */
    private static void collectKeys(Map<String, Object> info, Set<String> keys) {
        for (Map.Entry<String, Object> e : info.entrySet()) {
            if (e.getKey().contains("*")) {
                keys.add(e.getKey().replaceFirst("\\*", ""));
            }
            if (e.getValue() instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?>) {
                        collectKeys(asMap(item), keys);
                    }
                }
            }
            if (e.getValue() instanceof Map<?, ?>) {
                collectKeys(asMap(e.getValue()), keys);
            }
        }
    }

    /** {@code getOutputInputNames}: the keys containing "proto" of the input and of the first output. */
    private static String[] inputOutputNames(Map<String, Object> command) {
        String input = "";
        String output = "";
        if (command.get("input") instanceof Map<?, ?> in) {
            for (Object k : in.keySet()) {
                if (k.toString().contains("proto")) {
                    input = k.toString().replaceFirst("\\*", "");
                }
            }
        }
        List<?> outputs = (List<?>) command.get("output");
        if (!outputs.isEmpty() && outputs.get(0) instanceof Map<?, ?> out) {
            for (Object k : out.keySet()) {
                if (k.toString().contains("proto")) {
                    output = k.toString().replaceFirst("\\*", "");
                }
            }
        }
        return new String[] {input, output};
    }

    /** {@code SendRequest} then {@code waitForData}: JSON to protobuf with the input type, the answer decoded. */
    private static DynamicMessage request(ByteClient c, ServerInfo info, String route, String json) throws Exception {
        Command cmd = info.commands().get(route);
        assertThat(cmd).as("pitaya-cli knows %s", route).isNotNull();
        byte[] data;
        if (json.equals("{}") || cmd.inputType() == null) {
            data = new byte[0];
        } else {
            DynamicMessage.Builder in = DynamicMessage.newBuilder(cmd.inputType());
            fromJson(JSON.readTree(json), in);
            data = in.build().toByteArray();
        }
        Response r = c.request(route, data);
        assertThat(r.isError()).as("%s: %s", route, r).isFalse();
        return DynamicMessage.parseFrom(cmd.outputType(), r.data());
    }

    /** The protobuf JSON mapping, enough of it for the test's messages (jhump's dynamic.Message.UnmarshalJSON). */
    private static void fromJson(JsonNode json, DynamicMessage.Builder into) {
        Descriptor type = into.getDescriptorForType();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldDescriptor field = type.findFieldByName(e.getKey());
            if (field == null) {
                field = type.getFields().stream().filter(f -> f.getJsonName().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no field " + e.getKey() + " in " + type.getFullName()));
            }
            if (field.isMapField()) {
                Descriptor entry = field.getMessageType();
                for (Iterator<Map.Entry<String, JsonNode>> kv = e.getValue().fields(); kv.hasNext(); ) {
                    Map.Entry<String, JsonNode> pair = kv.next();
                    DynamicMessage.Builder b = DynamicMessage.newBuilder(entry);
                    b.setField(entry.findFieldByNumber(1), scalar(entry.findFieldByNumber(1), JSON.getNodeFactory().textNode(pair.getKey())));
                    b.setField(entry.findFieldByNumber(2), value(entry.findFieldByNumber(2), pair.getValue()));
                    into.addRepeatedField(field, b.build());
                }
            } else if (field.isRepeated()) {
                for (JsonNode item : e.getValue()) {
                    into.addRepeatedField(field, value(field, item));
                }
            } else {
                into.setField(field, value(field, e.getValue()));
            }
        }
    }

    private static Object value(FieldDescriptor field, JsonNode json) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            DynamicMessage.Builder b = DynamicMessage.newBuilder(field.getMessageType());
            fromJson(json, b);
            return b.build();
        }
        return scalar(field, json);
    }

    private static Object scalar(FieldDescriptor field, JsonNode json) {
        return switch (field.getJavaType()) {
            case INT -> Integer.parseInt(json.asText());
            case LONG -> Long.parseLong(json.asText());
            case FLOAT -> (float) json.asDouble();
            case DOUBLE -> json.asDouble();
            case BOOLEAN -> json.asBoolean();
            case STRING -> json.asText();
            case BYTE_STRING -> ByteString.copyFrom(Base64.getDecoder().decode(json.asText()));
            case ENUM -> json.isNumber() ? field.getEnumType().findValueByNumber(json.asInt())
                    : field.getEnumType().findValueByName(json.asText());
            case MESSAGE -> throw new IllegalArgumentException("not a scalar: " + field);
        };
    }

    private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
                                        Map<String, FileDescriptor> built) throws Exception {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        assertThat(proto).as("the answers include %s (an import)", name).isNotNull();
        FileDescriptor[] deps = new FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < deps.length; i++) {
            deps[i] = build(proto.getDependency(i), protos, built);
        }
        FileDescriptor file = FileDescriptor.buildFrom(proto, deps);
        built.put(name, file);
        return file;
    }

    private static Descriptor findMessage(FileDescriptor file, String fullName) {
        for (Descriptor d : file.getMessageTypes()) {
            Descriptor found = findMessage(d, fullName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Descriptor findMessage(Descriptor d, String fullName) {
        if (d.getFullName().equals(fullName)) {
            return d;
        }
        for (Descriptor nested : d.getNestedTypes()) {
            Descriptor found = findMessage(nested, fullName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static byte[] gunzip(ByteString gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.toByteArray()))) {
            return in.readAllBytes();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Response ok(ByteClient c, String route, byte[] body) throws Exception {
        Response r = c.request(route, body);
        assertThat(r.isError()).as("%s: %s", route, r.isError() ? new String(r.data(), StandardCharsets.UTF_8) : r)
                .isFalse();
        return r;
    }
}
