package io.pitaya.core.docs;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import io.pitaya.protocol.json.GoJson;

import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The shape of one Java type in Pitaya's documentation, as Pitaya's docgenerator describes the Go type it would
 * be: a map of fields for messages, records and beans (wrapped in {@code {"*<type>": fields}} with type names), a
 * one-element list for lists and arrays, Go's type name for everything else ({@code "int32"}, {@code "[]byte"},
 * {@code "map[string]int64"}...).
 *
 * <p>Protobuf messages are described from their descriptor, as protoc-gen-go's structs are: fields by proto name
 * (their Go JSON tag), a oneof as one field of its Go interface type, scalars with presence (proto2, proto3
 * {@code optional}) as Go pointers ({@code "*int32"}). Messages and enums are named by their proto full name
 * (Go's would be {@code goPackage.GoName}; the full name is what pitaya-cli looks descriptors up with, and the
 * two agree in the usual case of a Go package named like the proto package). Records and beans are described
 * with the JSON serializer's property names (Jackson's introspection), for input and output alike.
 *
 * <p>A type met again inside itself is described as an empty map (Go's generator would not terminate).
 */
final class TypeShapes {

    private static final String INTERFACE = "interface {}";

    private final ObjectMapper mapper;
    private final boolean typeNames;
    private final Consumer<Descriptor> messages;
    private final Consumer<String> beans;

    /**
     * @param typeNames wrap messages and beans in {@code {"*<type>": fields}}
     * @param messages  told every protobuf message type met (for the descriptor index)
     * @param beans     told the name of every record or bean described with its fields
     */
    TypeShapes(ObjectMapper mapper, boolean typeNames, Consumer<Descriptor> messages, Consumer<String> beans) {
        this.mapper = mapper;
        this.typeNames = typeNames;
        this.messages = messages;
        this.beans = beans;
    }

    /** A handler parameter's shape (properties a client may send). */
    Object input(Type type) {
        return shape(mapper.constructType(type), true, new HashSet<>());
    }

    /** A handler result's shape (properties the server writes). */
    Object output(Type type) {
        return shape(mapper.constructType(type), false, new HashSet<>());
    }

    private Object shape(JavaType type, boolean input, Set<Object> path) {
        Class<?> raw = type.getRawClass();
        if (raw == byte[].class) {
            return "[]byte";
        }
        Descriptor message = descriptorOf(raw);
        if (message != null) {
            return message(message, input, path);
        }
        String scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return javaName(raw);
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return List.of(shape(type.getContentType(), input, path));
        }
        if (type.isMapLikeType()) {
            return "map[" + leaf(type.getKeyType()) + "]" + leaf(type.getContentType());
        }
        JavaType referenced = referenced(type);
        if (referenced != null) {
            return shape(referenced, input, path);
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return INTERFACE;
        }
        if (isPlatformValue(raw)) {
            return javaName(raw);
        }
        return bean(type, input, path);
    }

    /** A type named without looking inside it (map keys and values), as Go's {@code reflect.Type.String()}. */
    private String leaf(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == byte[].class) {
            return "[]byte";
        }
        Descriptor message = descriptorOf(raw);
        if (message != null) {
            messages.accept(message);
            return "*" + message.getFullName();
        }
        String scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return javaName(raw);
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return "[]" + leaf(type.getContentType());
        }
        if (type.isMapLikeType()) {
            return "map[" + leaf(type.getKeyType()) + "]" + leaf(type.getContentType());
        }
        JavaType referenced = referenced(type);
        if (referenced != null) {
            return leaf(referenced);
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return INTERFACE;
        }
        return isPlatformValue(raw) ? javaName(raw) : "*" + javaName(raw);
    }

    private Object bean(JavaType type, boolean input, Set<Object> path) {
        beans.accept(javaName(type.getRawClass()));
        String name = "*" + javaName(type.getRawClass());
        if (!path.add(type)) {
            return wrap(name, Map.of());
        }
        BeanDescription description = input
                ? mapper.getDeserializationConfig().introspect(type)
                : mapper.getSerializationConfig().introspect(type);
        Map<String, Object> fields = new TreeMap<>(GoJson.KEY_ORDER);
        List<BeanPropertyDefinition> properties = description.findProperties();
        Set<String> ignored = description.getIgnoredPropertyNames(); // known once the properties are
        for (BeanPropertyDefinition property : properties) {
            // an ignored record component stays a creator parameter, but JSON never fills it
            if ((input ? property.couldDeserialize() : property.couldSerialize()) && !ignored.contains(property.getName())) {
                fields.put(property.getName(), shape(property.getPrimaryType(), input, path));
            }
        }
        path.remove(type);
        return wrap(name, fields);
    }

    private Object message(Descriptor message, boolean input, Set<Object> path) {
        messages.accept(message);
        String name = "*" + message.getFullName();
        if (!path.add(message)) {
            return wrap(name, Map.of());
        }
        Map<String, Object> fields = new TreeMap<>(GoJson.KEY_ORDER);
        String pkg = message.getFile().getPackage();
        for (OneofDescriptor oneof : message.getRealOneofs()) {
            String field = GoNames.oneofField(oneof);
            fields.put(input ? GoNames.firstLetterToLower(field) : field,
                    (pkg.isEmpty() ? "" : pkg + ".") + GoNames.oneofInterface(oneof));
        }
        for (FieldDescriptor field : message.getFields()) {
            if (field.getRealContainingOneof() == null) {
                fields.put(field.getName(), field(field, input, path));
            }
        }
        path.remove(message);
        return wrap(name, fields);
    }

    private Object field(FieldDescriptor field, boolean input, Set<Object> path) {
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            return "map[" + leaf(entry.findFieldByNumber(1)) + "]" + leaf(entry.findFieldByNumber(2));
        }
        if (field.isRepeated()) {
            return List.of(single(field, input, path, false));
        }
        return single(field, input, path, field.hasPresence());
    }

    private Object single(FieldDescriptor field, boolean input, Set<Object> path, boolean pointer) {
        return switch (field.getJavaType()) {
            case MESSAGE -> message(field.getMessageType(), input, path);
            case BYTE_STRING -> "[]byte";
            case ENUM -> (pointer ? "*" : "") + field.getEnumType().getFullName();
            default -> (pointer ? "*" : "") + scalar(field.getType());
        };
    }

    private String leaf(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case MESSAGE -> {
                messages.accept(field.getMessageType());
                yield "*" + field.getMessageType().getFullName();
            }
            case BYTE_STRING -> "[]byte";
            case ENUM -> field.getEnumType().getFullName();
            default -> scalar(field.getType());
        };
    }

    private Object wrap(String typeName, Map<String, Object> fields) {
        Map<String, Object> shape = Collections.unmodifiableMap(fields);
        if (!typeNames) {
            return shape;
        }
        Map<String, Object> named = new TreeMap<>(GoJson.KEY_ORDER);
        named.put(typeName, shape);
        return Collections.unmodifiableMap(named);
    }

    /** The descriptor of a generated message class, or null for anything else. */
    static Descriptor descriptorOf(Class<?> raw) {
        if (!Message.class.isAssignableFrom(raw) || Modifier.isAbstract(raw.getModifiers()) || raw.isInterface()) {
            return null;
        }
        try {
            Object instance = raw.getMethod("getDefaultInstance").invoke(null);
            return ((Message) instance).getDescriptorForType();
        } catch (ReflectiveOperationException | ClassCastException | NullPointerException e) {
            return null; // DynamicMessage and the like: no static descriptor
        }
    }

    private JavaType referenced(JavaType type) {
        if (type.isReferenceType()) {
            return type.getReferencedType();
        }
        if (type.getRawClass() == Optional.class) {
            JavaType content = type.containedType(0);
            return content != null ? content : mapper.constructType(Object.class);
        }
        return null;
    }

    private static String scalar(Class<?> raw) {
        if (raw == boolean.class || raw == Boolean.class) {
            return "bool";
        }
        if (raw == byte.class || raw == Byte.class) {
            return "int8";
        }
        if (raw == short.class || raw == Short.class) {
            return "int16";
        }
        if (raw == int.class || raw == Integer.class || raw == OptionalInt.class) {
            return "int32";
        }
        if (raw == long.class || raw == Long.class || raw == OptionalLong.class) {
            return "int64";
        }
        if (raw == float.class || raw == Float.class) {
            return "float32";
        }
        if (raw == double.class || raw == Double.class || raw == OptionalDouble.class) {
            return "float64";
        }
        if (raw == char.class || raw == Character.class || raw == String.class || raw == CharSequence.class) {
            return "string"; // Jackson writes a char as a one-character string
        }
        return null;
    }

    private static String scalar(FieldDescriptor.Type type) {
        return switch (type) {
            case INT32, SINT32, SFIXED32 -> "int32";
            case INT64, SINT64, SFIXED64 -> "int64";
            case UINT32, FIXED32 -> "uint32";
            case UINT64, FIXED64 -> "uint64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case BOOL -> "bool";
            case STRING -> "string";
            case BYTES -> "[]byte";
            case ENUM, MESSAGE, GROUP -> throw new IllegalArgumentException("not a scalar: " + type);
        };
    }

    /** JDK and platform values (dates, big numbers, UUIDs...) are named, not taken apart. */
    private static boolean isPlatformValue(Class<?> raw) {
        if (raw.isPrimitive()) {
            return true;
        }
        String name = raw.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.");
    }

    private static String javaName(Class<?> raw) {
        String canonical = raw.getCanonicalName();
        return canonical != null ? canonical : raw.getName();
    }
}
