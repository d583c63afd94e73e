package io.pitaya.core.docs;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Serializer;
import io.pitaya.api.docs.Documentation;
import io.pitaya.core.config.ConfigReader;
import io.pitaya.core.handler.HandlerMethod;
import io.pitaya.core.handler.HandlerScanner;
import io.pitaya.core.serialize.ProtobufSerializer;
import io.pitaya.protocol.proto.Doc;
import io.pitaya.protocol.proto.ProtoDescriptors;
import io.pitaya.protocol.proto.ProtoNames;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The built-in docs routes pitaya-cli's protobuf mode needs, off unless {@value #ENABLED}{@code =true}:
 * {@code <serverType>.docsHandler.docs} answers {@code protos.Doc} with the documentation JSON, and
 * {@code <serverType>.docsHandler.descriptors} takes {@code protos.ProtoNames} and answers
 * {@code protos.ProtoDescriptors} (pitaya-cli finds this one in the documentation by its types). They are the routes
 * of Pitaya's docs example ({@code docs/cli.md}), written once here.
 *
 * <p>The descriptors route answers, in order, the descriptor of each name ({@link HandlerDocumentation#descriptor});
 * an empty file for a record or bean the documentation shows (pitaya-cli asks for every documented type, and one
 * failure would stop it); and fails for any other name, as Pitaya's example route does.
 *
 * <p>With the protobuf serializer they take and return Pitaya's {@code protos} messages; with any other serializer
 * records of the same shape, so a JSON client reads {@code {"doc":"..."}} and sends {@code {"name":[...]}} as with a
 * Go server.
 */
public final class DocsRoutes {

    public static final String ENABLED = "pitaya.handler.docs.enabled";

    /** Where the empty files answered for Java types live (a path no .proto file of an application uses). */
    static final String PLACEHOLDER_DIRECTORY = "pitaya/no-descriptor/";

    private static final String NOT_FOUND = "failed to get protobuf message descriptor"; // Pitaya's ErrProtodescriptor

    private DocsRoutes() {
    }

    /** Whether the built-in routes are on; a value other than true or false fails. */
    public static boolean enabled(Config config) {
        return ConfigReader.bool(config, ENABLED, false);
    }

    /** The route table entries of the built-in routes for this serializer. */
    public static List<HandlerMethod> methods(Serializer serializer, Supplier<HandlerDocumentation> docs) {
        if (ProtobufSerializer.NAME.equals(serializer.name())) {
            Protobuf routes = new Protobuf(docs);
            return HandlerScanner.scan(Documentation.SERVICE, Protobuf.class, () -> routes);
        }
        Records routes = new Records(docs);
        return HandlerScanner.scan(Documentation.SERVICE, Records.class, () -> routes);
    }

    /**
     * The descriptors of {@code names}, in their order (pitaya-cli pairs them by index). A record or bean the
     * documentation describes gets an empty file (see {@link #placeholder}); any other unknown name fails the
     * request as Pitaya's example route does.
     */
    static List<byte[]> descriptors(HandlerDocumentation docs, List<String> names) {
        List<byte[]> descriptors = new ArrayList<>(names.size());
        for (String name : names) {
            Optional<byte[]> descriptor = docs.descriptor(name);
            if (descriptor.isPresent()) {
                descriptors.add(descriptor.get());
            } else if (docs.describesJavaType(name)) {
                descriptors.add(placeholder(name));
            } else {
                throw new PitayaException(PitayaException.UNKNOWN, "failed to get descriptor for '" + name + "': " + NOT_FOUND);
            }
        }
        return descriptors;
    }

    /**
     * For a documented Java type (say the chat demo's {@code JoinRequest} next to the application's protobuf
     * handlers): a gzipped {@code FileDescriptorProto} named {@code pitaya/no-descriptor/<name>.proto} that defines
     * nothing. pitaya-cli asks for every {@code "*"} type of the documentation and cannot load any of them if one
     * answer fails or is not a file; with this it loads, and sends such routes an empty payload.
     */
    static byte[] placeholder(String name) {
        return ProtoDescriptorIndex.gzip(FileDescriptorProto.newBuilder()
                .setName(PLACEHOLDER_DIRECTORY + name + ".proto")
                .setSyntax("proto3")
                .build().toByteArray());
    }

    /** The routes with Pitaya's {@code protos.Doc}, {@code protos.ProtoNames}, {@code protos.ProtoDescriptors}. */
    public static final class Protobuf {
        private final Supplier<HandlerDocumentation> docs;

        Protobuf(Supplier<HandlerDocumentation> docs) {
            this.docs = docs;
        }

        public Doc docs() {
            return Doc.newBuilder().setDoc(docs.get().documentationJson(true)).build();
        }

        public ProtoDescriptors descriptors(ProtoNames names) {
            ProtoDescriptors.Builder answer = ProtoDescriptors.newBuilder();
            for (byte[] descriptor : DocsRoutes.descriptors(docs.get(), names.getNameList())) {
                answer.addDesc(ByteString.copyFrom(descriptor));
            }
            return answer.build();
        }
    }

    /** The same routes for JSON (or another serializer): records shaped like Pitaya's messages. */
    public static final class Records {
        private final Supplier<HandlerDocumentation> docs;

        Records(Supplier<HandlerDocumentation> docs) {
            this.docs = docs;
        }

        public DocJson docs() {
            return new DocJson(docs.get().documentationJson(true));
        }

        public ProtoDescriptorsJson descriptors(ProtoNamesJson names) {
            List<String> list = names == null || names.name() == null ? List.of() : names.name();
            return new ProtoDescriptorsJson(DocsRoutes.descriptors(docs.get(), list));
        }
    }

    /** {@code protos.Doc} as JSON: {@code {"doc":"..."}}. */
    public record DocJson(String doc) {
    }

    /** {@code protos.ProtoNames} as JSON: {@code {"name":["protos.Doc"]}}. */
    public record ProtoNamesJson(List<String> name) {
    }

    /** {@code protos.ProtoDescriptors} as JSON: {@code {"desc":["<base64>"]}}. */
    public record ProtoDescriptorsJson(List<byte[]> desc) {
    }
}
