package io.pitaya.core.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.pitaya.api.Serializer;
import io.pitaya.core.config.MapConfig;
import io.pitaya.core.docs.testprotos.Shapes;
import io.pitaya.core.handler.HandlerMethod;
import io.pitaya.core.handler.HandlerScanner;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.serialize.ProtobufSerializer;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.error.ErrorPayload;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.proto.Doc;
import io.pitaya.protocol.proto.ProtoDescriptors;
import io.pitaya.protocol.proto.ProtoNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in docs routes answered by a real server, as pitaya-cli (protobuf) or a JSON client calls them. */
class DocsRoutesTest {

    @io.pitaya.api.Handler("shapes")
    public static class ShapesSvc {
        public Shapes.Player player(Shapes.Player in) {
            return in;
        }

        /** A record under the protobuf serializer: cannot be called, but is documented. */
        public Greeting greet(Greeting in) {
            return in;
        }
    }

    public record Greeting(String text) {
    }

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestClient start(Serializer serializer) {
        AtomicReference<HandlerDocumentation> docs = new AtomicReference<>();
        ShapesSvc svc = new ShapesSvc();
        List<HandlerMethod> methods = new ArrayList<>(HandlerScanner.scan(ShapesSvc.class, () -> svc));
        methods.addAll(DocsRoutes.methods(serializer, docs::get));
        docs.set(new HandlerDocumentation(TestServer.TYPE, methods, new ObjectMapper()));
        server = TestServer.builder().serializer(serializer).methods(methods).start();
        return server.connect().ready();
    }

    private static Message answer(TestClient client, long id, boolean error) {
        Message m = client.nextMessage();
        assertThat(m.id()).isEqualTo(id);
        assertThat(m.error()).isEqualTo(error);
        return m;
    }

    @Test
    void protobufDocsAndDescriptors() throws Exception {
        TestClient client = start(new ProtobufSerializer());
        client.send(Message.request(1, "connector.docsHandler.docs", new byte[0]));
        String json = Doc.parseFrom(answer(client, 1, false).data()).getDoc();
        assertThat(json).startsWith("{\"handlers\":{\"connector.docsHandler.descriptors\":{\"input\":{\"*protos.ProtoNames\"")
                .contains("\"connector.shapes.player\":{\"input\":{\"*shapeprotos.Player\":{")
                .endsWith(",\"remotes\":{}}");

        ProtoNames names = ProtoNames.newBuilder().addName("shapeprotos.Player").addName("protos.Doc")
                .addName("shapeprotos.Player.Position").build();
        client.send(Message.request(2, "connector.docsHandler.descriptors", names.toByteArray()));
        ProtoDescriptors answer = ProtoDescriptors.parseFrom(answer(client, 2, false).data());
        assertThat(answer.getDescCount()).isEqualTo(3);
        HandlerDocumentation docs = new HandlerDocumentation("x", HandlerScanner.scan(ShapesSvc.class, ShapesSvc::new),
                new ObjectMapper());
        assertThat(answer.getDesc(0).toByteArray()).isEqualTo(docs.descriptor("shapeprotos.Player").orElseThrow());
        assertThat(answer.getDesc(1).toByteArray()).isEqualTo(docs.descriptor("protos.Doc").orElseThrow());
        assertThat(answer.getDesc(2)).isEqualTo(answer.getDesc(0));
    }

    @Test
    void anUnknownNameFailsTheWholeRequestAsPitayasExample() {
        TestClient client = start(new ProtobufSerializer());
        ProtoNames names = ProtoNames.newBuilder().addName("protos.Doc").addName("game.Nope").build();
        client.send(Message.request(1, "docsHandler.descriptors", names.toByteArray()));
        ErrorPayload e = ErrorPayload.fromProtobuf(answer(client, 1, true).data());
        assertThat(e.code()).isEqualTo("PIT-000");
        assertThat(e.msg()).isEqualTo("failed to get descriptor for 'game.Nope': failed to get protobuf message descriptor");
    }

    @Test
    void documentedJavaTypesGetAnEmptyFileSoPitayaCliStillLoads() throws Exception {
        TestClient client = start(new ProtobufSerializer());
        String greeting = "io.pitaya.core.docs.DocsRoutesTest.Greeting";
        ProtoNames names = ProtoNames.newBuilder().addName(greeting).addName("shapeprotos.Player").build();
        client.send(Message.request(1, "connector.docsHandler.descriptors", names.toByteArray()));
        ProtoDescriptors answer = ProtoDescriptors.parseFrom(answer(client, 1, false).data());
        FileDescriptorProto file = FileDescriptorProto.parseFrom(ProtoDescriptorIndexTest.gunzip(answer.getDesc(0).toByteArray()));
        assertThat(file).isEqualTo(FileDescriptorProto.newBuilder()
                .setName("pitaya/no-descriptor/" + greeting + ".proto").setSyntax("proto3").build());
        assertThat(FileDescriptor.buildFrom(file, new FileDescriptor[0]).getMessageTypes()).isEmpty();
        assertThat(answer.getDesc(0).substring(0, 10).toByteArray()).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
        assertThat(answer.getDescCount()).isEqualTo(2);
    }

    @Test
    void jsonClientsGetTheSameFieldsAsFromAGoServer() throws Exception {
        TestClient client = start(new JsonSerializer());
        ObjectMapper mapper = new ObjectMapper();
        client.request(1, "connector.docsHandler.docs", "");
        JsonNode doc = mapper.readTree(client.response(1));
        assertThat(doc.size()).isEqualTo(1);
        assertThat(doc.get("doc").asText()).contains("\"connector.docsHandler.docs\":{\"input\":null");

        client.request(2, "connector.docsHandler.descriptors", "{\"name\":[\"protos.Doc\"]}");
        JsonNode desc = mapper.readTree(client.response(2)).get("desc");
        assertThat(desc.size()).isEqualTo(1);
        assertThat(Base64.getDecoder().decode(desc.get(0).asText()))
                .isEqualTo(new ProtoDescriptorIndex(List.of()).descriptor("protos.Doc").orElseThrow());

        client.request(3, "connector.docsHandler.descriptors", "");
        assertThat(client.response(3)).isEqualTo("{\"desc\":[]}");
    }

    @Test
    void offByDefaultAndStrictAboutTheValue() {
        assertThat(DocsRoutes.enabled(MapConfig.of())).isFalse();
        assertThat(DocsRoutes.enabled(MapConfig.of(DocsRoutes.ENABLED, "true"))).isTrue();
        assertThat(DocsRoutes.enabled(MapConfig.of(DocsRoutes.ENABLED, " FALSE "))).isFalse();
        assertThatThrownBy(() -> DocsRoutes.enabled(MapConfig.of(DocsRoutes.ENABLED, "yes")))
                .hasMessage("pitaya.handler.docs.enabled must be true or false: yes");
    }
}
