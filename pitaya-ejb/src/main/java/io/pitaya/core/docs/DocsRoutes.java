package io.pitaya.core.docs;

import com.google.protobuf.ByteString;
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
import java.util.function.Supplier;

/**
 * The built-in docs routes pitaya-cli's protobuf mode needs, off unless {@value #ENABLED}{@code =true}:
 * {@code <serverType>.docsHandler.docs} answers {@code protos.Doc} with the documentation JSON, and
 * {@code <serverType>.docsHandler.descriptors} takes {@code protos.ProtoNames} and answers
 * {@code protos.ProtoDescriptors} (pitaya-cli finds this one in the documentation by its types). They are the routes
 * of Pitaya's docs example ({@code docs/cli.md}), written once here.
 *
 * <p>With the protobuf serializer they take and return Pitaya's {@code protos} messages; with any other serializer
 * records of the same shape, so a JSON client reads {@code {"doc":"..."}} and sends {@code {"name":[...]}} as with a
 * Go server.
 */
public final class DocsRoutes {

    public static final String ENABLED = "pitaya.handler.docs.enabled";

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

    /** The descriptors of {@code names}, in their order; the first unknown name fails as Pitaya's example does. */
    static List<byte[]> descriptors(HandlerDocumentation docs, List<String> names) {
        List<byte[]> descriptors = new ArrayList<>(names.size());
        for (String name : names) {
            descriptors.add(docs.descriptor(name).orElseThrow(() -> new PitayaException(PitayaException.UNKNOWN,
                    "failed to get descriptor for '" + name + "': " + NOT_FOUND)));
        }
        return descriptors;
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
