package io.pitaya.core.docs;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.pitaya.core.docs.testprotos.Shapes;
import io.pitaya.protocol.proto.Doc;
import io.pitaya.protocol.proto.ProtoNames;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Descriptors are what protoc-gen-go embeds and Pitaya's {@code Descriptor(name)} returns. */
class ProtoDescriptorIndexTest {

    /** {@code fileDescriptor_doc_...} of Pitaya's pkg/protos/doc.pb.go: gzipped doc.proto. */
    private static final String GO_DOC_PROTO = "1f8b08000000000002ffe2e24cc94fd62b28ca2fc917620353c54ae25ccc2ef9c94202"
            + "5ccc29f9c9128c0a8c1a9c41206612448131200000ffff98db159b34000000";

    /** {@code fileDescriptor_protodescriptor_...} of Pitaya's pkg/protos/protodescriptor.pb.go. */
    private static final String GO_PROTODESCRIPTOR_PROTO = "1f8b08000000000002ffe2122d28ca2fc94f492d4e2eca2c28c92fd203"
            + "f385d8c054b1922a177f0088e502572024c4c502522ec1a8c0a8c11304662bc973718295f925e6a68214e425e6a68215700681d9"
            + "4a6a5c0268e6142319c40c3748818b0b6e50319249cc309392202e3306040000ffff91b42297b9000000";

    static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static FileDescriptorProto withoutJavaOptions(FileDescriptorProto file) {
        return file.toBuilder().clearOptions().build();
    }

    @Test
    void pitayasOwnProtosAreTheFilesPitayaEmbedsByteForByteBesidesTheJavaOptions() throws Exception {
        ProtoDescriptorIndex index = new ProtoDescriptorIndex(List.of());
        byte[] goDoc = gunzip(HexFormat.of().parseHex(GO_DOC_PROTO));
        byte[] ours = gunzip(index.descriptor("protos.Doc").orElseThrow());
        assertThat(withoutJavaOptions(FileDescriptorProto.parseFrom(ours)).toByteArray()).isEqualTo(goDoc);

        byte[] goNames = gunzip(HexFormat.of().parseHex(GO_PROTODESCRIPTOR_PROTO));
        for (String name : List.of("protos.ProtoNames", "protos.ProtoDescriptors", "protos.ProtoName",
                "protos.ProtoDescriptor", "protodescriptor.proto")) {
            ours = gunzip(index.descriptor(name).orElseThrow());
            assertThat(withoutJavaOptions(FileDescriptorProto.parseFrom(ours)).toByteArray()).as(name).isEqualTo(goNames);
        }
    }

    @Test
    void gzipLikeProtocGenGoStoredBlocksAndAZeroHeader() throws Exception {
        byte[] gz = ProtoDescriptorIndex.gzip(new byte[] {'a', 'b', 'c'});
        // header, final stored block of 3 bytes (LEN 0003, NLEN fffc), "abc", CRC-32 of "abc" (352441c2), ISIZE 3
        assertThat(HexFormat.of().formatHex(gz)).isEqualTo("1f8b08000000000000ff" + "010300fcff" + "616263"
                + "c2412435" + "03000000");
        assertThat(HexFormat.of().formatHex(ProtoDescriptorIndex.gzip(new byte[0])))
                .isEqualTo("1f8b08000000000000ff" + "010000ffff" + "00000000" + "00000000");

        for (int size : new int[] {65534, 65535, 65536, 200_000}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i * 31);
            }
            gz = ProtoDescriptorIndex.gzip(data);
            assertThat(gunzip(gz)).as("size %d", size).isEqualTo(data);
            int blocks = size / 65535 + 1; // a final empty block when the data fills whole blocks, as in Go
            assertThat(gz.length).as("size %d", size).isEqualTo(10 + 5 * blocks + size + 8);
        }
    }

    @Test
    void descriptorsCarryJsonNamesAsProtocGivesThemToPlugins() throws Exception {
        FileDescriptorProto file = FileDescriptorProto.parseFrom(gunzip(
                new ProtoDescriptorIndex(List.of(Shapes.Player.getDescriptor())).descriptor("shapeprotos.Player").orElseThrow()));
        assertThat(file.getName()).isEqualTo("shapes.proto");
        assertThat(file.getMessageType(0).getFieldList())
                .filteredOn(f -> f.getName().equals("joined_at")).singleElement()
                .satisfies(f -> assertThat(f.getJsonName()).isEqualTo("joinedAt"));
        assertThat(file.getMessageType(0).getNestedType(0).getField(0).getJsonName()).isEqualTo("x");
    }

    @Test
    void whatAClientGetsBuildsBackIntoTheSameDescriptors() throws Exception {
        ProtoDescriptorIndex index = new ProtoDescriptorIndex(List.of(Shapes.Player.getDescriptor()));
        // what pitaya-cli does: every answer gunzipped and parsed, then all files built together
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        for (String name : List.of("shapeprotos.Player", "legacyprotos.Old", "google.protobuf.Timestamp")) {
            FileDescriptorProto file = FileDescriptorProto.parseFrom(gunzip(index.descriptor(name).orElseThrow()));
            protos.put(file.getName(), file);
        }
        Map<String, FileDescriptor> built = new HashMap<>();
        FileDescriptor shapes = build("shapes.proto", protos, built);
        Descriptor player = shapes.findMessageTypeByName("Player");
        assertThat(player.toProto())
                .isEqualTo(ProtoDescriptorIndex.fileProto(Shapes.Player.getDescriptor().getFile()).getMessageType(0));
        assertThat(player.getFields()).extracting(f -> f.getName() + ":" + f.getType())
                .isEqualTo(Shapes.Player.getDescriptor().getFields().stream().map(f -> f.getName() + ":" + f.getType()).toList());
        assertThat(player.findFieldByName("old").getMessageType().getFullName()).isEqualTo("legacyprotos.Old");
    }

    private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
                                        Map<String, FileDescriptor> built) throws Exception {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        FileDescriptor[] deps = new FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < deps.length; i++) {
            deps[i] = build(proto.getDependency(i), protos, built);
        }
        FileDescriptor file = FileDescriptor.buildFrom(proto, deps);
        built.put(name, file);
        return file;
    }

    @Test
    void byFileNameAndGogoTypesNames() {
        ProtoDescriptorIndex index = new ProtoDescriptorIndex(List.of(Shapes.Player.getDescriptor()));
        assertThat(index.descriptor("shapes.proto")).get().isEqualTo(index.descriptor("shapeprotos.Player").orElseThrow());
        assertThat(index.descriptor("types.Timestamp")).get()
                .isEqualTo(index.descriptor("google.protobuf.Timestamp").orElseThrow());
        assertThat(index.descriptor("legacy.proto")).isPresent(); // an import of shapes.proto
        assertThat(index.descriptor(null)).isEmpty();
        assertThat(index.messageNames()).contains("protos.Doc", "protos.Error", "shapeprotos.Player.Position");
        assertThat(Doc.getDescriptor().getFile().getName()).isEqualTo("doc.proto");
        assertThat(ProtoNames.getDescriptor().getFile().getName()).isEqualTo("protodescriptor.proto");
    }
}
