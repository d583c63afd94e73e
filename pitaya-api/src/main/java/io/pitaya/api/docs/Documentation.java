package io.pitaya.api.docs;

import java.util.Map;
import java.util.Optional;

/**
 * This server's handler documentation and the protobuf descriptors of its messages, as Pitaya's
 * {@code app.Documentation(getPtrNames)} and {@code pitaya.Descriptor(protoName)} give them. This is what
 * pitaya-cli's protobuf mode reads: {@code @Inject Documentation docs} to write your own docs routes, or turn on the
 * built-in ones ({@code pitaya.handler.docs.enabled=true}, service {@value #SERVICE}, routes
 * {@code <serverType>.docsHandler.docs} and {@code <serverType>.docsHandler.descriptors}).
 *
 * <p>The documentation is {@code {"handlers":{route:{"input":…,"output":[…]}},"remotes":{}}}, one entry per handler
 * under its full route {@code serverType.service.method}, built from the handler's Java signature:
 * <ul>
 *   <li>{@code input}: {@code null} without payload parameter, {@code "[]byte"} for raw bytes, otherwise the shape
 *       of the payload type; {@code output}: {@code []} for a notify handler, otherwise {@code [<result shape>,
 *       "error"]} (a Go handler's {@code (result, error)}).</li>
 *   <li>A protobuf message is a map of its fields by proto field name, wrapped (with type names) in
 *       {@code {"*<message full name>": {…}}}, e.g. {@code {"*protos.Doc":{"doc":"string"}}}; scalars are Go's
 *       names ({@code "int32"}, {@code "uint64"}, {@code "float64"}, {@code "bool"}, {@code "string"},
 *       {@code "[]byte"}), repeated fields a one-element list, maps {@code "map[string]int32"}.</li>
 *   <li>A record or bean is a map of its JSON properties (as the JSON serializer names them), wrapped in
 *       {@code {"*<Java class name>": {…}}}; Java numbers, strings, lists and maps get Go's names as above.</li>
 * </ul>
 *
 * <p>Descriptors: {@link #descriptor(String)} answers the file that defines a message as protoc-gen-go embeds it
 * (a serialized {@code FileDescriptorProto}, gzipped), for every message the handlers use, the messages of the same
 * files and of the files they import, and Pitaya's own {@code protos.*}.
 *
 * <p>Documentation leaks the server's internals: expose it to trusted clients only.
 */
public interface Documentation {

    /** Service name of the built-in docs routes (the name of Pitaya's pitaya-cli documentation example). */
    String SERVICE = "docsHandler";

    /** Method name of the built-in route answering {@code protos.Doc}. */
    String DOCS_METHOD = "docs";

    /** Method name of the built-in route answering {@code protos.ProtoNames -> protos.ProtoDescriptors}. */
    String DESCRIPTORS_METHOD = "descriptors";

    /**
     * Pitaya's {@code app.Documentation(withTypeNames)}: an unmodifiable tree of maps (keys in Go's sorted order),
     * lists, strings and {@code null}s.
     *
     * @param withTypeNames wrap messages, records and beans in {@code {"*<type name>": fields}} (what pitaya-cli
     *                      needs; Pitaya's {@code getPtrNames})
     */
    Map<String, Object> documentation(boolean withTypeNames);

    /**
     * {@link #documentation(boolean)} as Go's {@code json.Marshal} writes it: compact, keys sorted, {@code <>&}
     * escaped. With {@code true} this is what a docs route puts in {@code protos.Doc.doc}.
     */
    String documentationJson(boolean withTypeNames);

    /**
     * Pitaya's {@code pitaya.Descriptor(protoName)}: the gzipped {@code FileDescriptorProto} of the file defining
     * the protobuf message {@code protoName} (full name, e.g. {@code protos.Doc}), or of the file named
     * {@code protoName} when it ends with {@code .proto}. As in Pitaya, a name starting with {@code types.} means
     * {@code google.protobuf.}.
     *
     * @return the bytes, or empty for a name this server does not know (Pitaya answers the error
     *         {@code "failed to get protobuf message descriptor"})
     */
    Optional<byte[]> descriptor(String protoName);
}
