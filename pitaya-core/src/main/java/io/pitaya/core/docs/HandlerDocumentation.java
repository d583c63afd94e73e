package io.pitaya.core.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import io.pitaya.core.handler.HandlerKind;
import io.pitaya.core.handler.HandlerMethod;
import io.pitaya.core.remote.RemoteMethod;
import io.pitaya.protocol.json.GoJson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The documentation of one server's handlers and remotes and the descriptor index of their messages, computed on first use
 * from the route table and kept (the route table does not change while the server runs). Implements what
 * {@link io.pitaya.api.docs.Documentation} promises; thread-safe.
 */
public final class HandlerDocumentation {

    private final String serverType;
    private final List<HandlerMethod> handlers;
    private final List<RemoteMethod> remotes;
    private final ObjectMapper mapper;

    private volatile Computed withTypeNames;
    private volatile Computed withoutTypeNames;

    private record Computed(Map<String, Object> tree, String json, ProtoDescriptorIndex descriptors,
                            Set<String> javaTypes) {
    }

    /**
     * @param mapper names the properties of records and beans (use one configured like the JSON serializer's)
     */
    public HandlerDocumentation(String serverType, Collection<HandlerMethod> handlers, ObjectMapper mapper) {
        this(serverType, handlers, List.of(), mapper);
    }

    /** With the server's {@code @Remote} methods, documented under {@code "remotes"} as Pitaya's RemotesDocs does. */
    public HandlerDocumentation(String serverType, Collection<HandlerMethod> handlers, Collection<RemoteMethod> remotes,
                                ObjectMapper mapper) {
        this.serverType = serverType;
        this.handlers = List.copyOf(handlers);
        this.remotes = List.copyOf(remotes);
        this.mapper = mapper;
    }

    /** Pitaya's {@code app.Documentation(withTypeNames)}. */
    public Map<String, Object> documentation(boolean typeNames) {
        return computed(typeNames).tree();
    }

    /** Go's {@code json.Marshal} of {@link #documentation(boolean)}. */
    public String documentationJson(boolean typeNames) {
        return computed(typeNames).json();
    }

    /** Pitaya's {@code pitaya.Descriptor(protoName)}, for the messages the handlers use. */
    public Optional<byte[]> descriptor(String protoName) {
        return computed(true).descriptors().descriptor(protoName);
    }

    private Computed computed(boolean typeNames) {
        Computed c = typeNames ? withTypeNames : withoutTypeNames;
        if (c == null) {
            synchronized (this) {
                c = typeNames ? withTypeNames : withoutTypeNames;
                if (c == null) {
                    c = compute(typeNames);
                    if (typeNames) {
                        withTypeNames = c;
                    } else {
                        withoutTypeNames = c;
                    }
                }
            }
        }
        return c;
    }

    /**
     * Whether {@code name} is a record or bean the documentation describes (a {@code "*<name>"} key that is not a
     * protobuf message: pitaya-cli asks for its descriptor too).
     */
    public boolean describesJavaType(String name) {
        return computed(true).javaTypes().contains(name);
    }

    private Computed compute(boolean typeNames) {
        Set<Descriptor> messages = new LinkedHashSet<>();
        Set<String> javaTypes = new LinkedHashSet<>();
        TypeShapes shapes = new TypeShapes(mapper, typeNames, messages::add, javaTypes::add);
        Map<String, Object> routes = new TreeMap<>(GoJson.KEY_ORDER);
        for (HandlerMethod handler : handlers) {
            routes.put(serverType + "." + handler.key(), handlerDoc(handler, shapes));
        }
        Map<String, Object> remoteRoutes = new TreeMap<>(GoJson.KEY_ORDER);
        for (RemoteMethod remote : remotes) {
            remoteRoutes.put(serverType + "." + remote.key(), remoteDoc(remote, shapes));
        }
        Map<String, Object> docs = new TreeMap<>(GoJson.KEY_ORDER);
        docs.put("handlers", Collections.unmodifiableMap(routes));
        docs.put("remotes", Collections.unmodifiableMap(remoteRoutes)); // pitaya-cli needs the key even when empty
        Map<String, Object> tree = Collections.unmodifiableMap(docs);
        return new Computed(tree, GoJson.write(tree), new ProtoDescriptorIndex(messages), Set.copyOf(javaTypes));
    }

    /** A remote as Pitaya's docForMethod describes it: its argument's shape, {@code [<reply shape>, "error"]}. */
    private static Map<String, Object> remoteDoc(RemoteMethod remote, TypeShapes shapes) {
        Object input = null;
        if (remote.argumentType() != null) {
            input = remote.argumentType() == byte[].class ? "[]byte" : shapes.input(remote.argumentType());
        }
        List<Object> output = new ArrayList<>(2);
        if (remote.method().getReturnType() != void.class) {
            output.add(shapes.output(remote.method().getGenericReturnType()));
        }
        output.add("error"); // a Go remote returns (reply, error)
        Map<String, Object> doc = new TreeMap<>(GoJson.KEY_ORDER);
        doc.put("input", input);
        doc.put("output", Collections.unmodifiableList(output));
        return Collections.unmodifiableMap(doc);
    }

    /** {@code {"input": <payload shape or null>, "output": [] or [<result shape>, "error"]}}, as Pitaya's docForMethod. */
    private static Map<String, Object> handlerDoc(HandlerMethod handler, TypeShapes shapes) {
        Object input = null;
        if (handler.payloadType() != null) {
            input = handler.payloadType() == byte[].class ? "[]byte" : shapes.input(handler.payloadType());
        }
        List<Object> output = new ArrayList<>(2);
        if (handler.kind() == HandlerKind.REQUEST) {
            output.add(shapes.output(handler.method().getGenericReturnType()));
            output.add("error"); // a Go request handler returns (result, error)
        }
        Map<String, Object> doc = new TreeMap<>(GoJson.KEY_ORDER);
        doc.put("input", input);
        doc.put("output", Collections.unmodifiableList(output));
        return Collections.unmodifiableMap(doc);
    }
}
