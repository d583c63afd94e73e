package io.pitaya.core.docs;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.pitaya.protocol.proto.Doc;
import io.pitaya.protocol.proto.Error;
import io.pitaya.protocol.proto.ProtoNames;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.CRC32;

/**
 * What {@code pitaya.Descriptor(protoName)} can answer here: the files defining the messages the handlers use, every
 * file they import (transitively), and Pitaya's own {@code doc.proto}, {@code protodescriptor.proto} and
 * {@code error.proto}; looked up by message full name or by file name.
 *
 * <p>An answer is the file's {@code FileDescriptorProto} as protoc hands it to protoc-gen-go (Java's embedded
 * descriptor plus each field's {@code json_name}, which protoc adds for plugins), gzipped the way protoc-gen-go's
 * generated {@code Descriptor()} methods are: a gzip member with a zero header ({@code 1f 8b 08 00 00000000 00 ff})
 * and stored (uncompressed) deflate blocks.
 */
final class ProtoDescriptorIndex {

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int MAX_STORED_BLOCK = 0xffff;

    private final Map<String, FileDescriptor> files = new LinkedHashMap<>();
    private final Map<String, FileDescriptor> messageFiles = new LinkedHashMap<>();
    private final ConcurrentMap<String, byte[]> encoded = new ConcurrentHashMap<>();

    /** The index of the files of {@code messages}, their imports, and Pitaya's protos. */
    ProtoDescriptorIndex(Collection<Descriptor> messages) {
        for (Descriptor own : List.of(Doc.getDescriptor(), ProtoNames.getDescriptor(), Error.getDescriptor())) {
            addFile(own.getFile());
        }
        for (Descriptor message : messages) {
            addFile(message.getFile());
        }
    }

    private void addFile(FileDescriptor file) {
        if (files.putIfAbsent(file.getName(), file) != null) {
            return;
        }
        for (Descriptor message : file.getMessageTypes()) {
            addMessage(message, file);
        }
        for (FileDescriptor dependency : file.getDependencies()) {
            addFile(dependency);
        }
    }

    private void addMessage(Descriptor message, FileDescriptor file) {
        messageFiles.putIfAbsent(message.getFullName(), file);
        for (Descriptor nested : message.getNestedTypes()) {
            addMessage(nested, file);
        }
    }

    /** See {@link io.pitaya.api.docs.Documentation#descriptor(String)}. */
    Optional<byte[]> descriptor(String protoName) {
        if (protoName == null) {
            return Optional.empty();
        }
        FileDescriptor file;
        if (protoName.endsWith(".proto")) {
            file = files.get(protoName);
        } else {
            String name = protoName.startsWith("types.") ? "google.protobuf." + protoName.substring(6) : protoName;
            file = messageFiles.get(name);
        }
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(encoded.computeIfAbsent(file.getName(), n -> gzip(fileProto(file).toByteArray())).clone());
    }

    /** The names of the messages it knows, for messages and tests. */
    Collection<String> messageNames() {
        return messageFiles.keySet();
    }

    /** The file's descriptor proto with each field's {@code json_name}, as protoc gives it to its plugins. */
    static FileDescriptorProto fileProto(FileDescriptor file) {
        FileDescriptorProto.Builder proto = file.toProto().toBuilder();
        for (int i = 0; i < file.getMessageTypes().size(); i++) {
            withJsonNames(file.getMessageTypes().get(i), proto.getMessageTypeBuilder(i));
        }
        for (int i = 0; i < file.getExtensions().size(); i++) {
            withJsonName(file.getExtensions().get(i), proto.getExtensionBuilder(i));
        }
        return proto.build();
    }

    private static void withJsonNames(Descriptor message, DescriptorProto.Builder proto) {
        for (int i = 0; i < message.getFields().size(); i++) {
            withJsonName(message.getFields().get(i), proto.getFieldBuilder(i));
        }
        for (int i = 0; i < message.getNestedTypes().size(); i++) {
            withJsonNames(message.getNestedTypes().get(i), proto.getNestedTypeBuilder(i));
        }
        for (int i = 0; i < message.getExtensions().size(); i++) {
            withJsonName(message.getExtensions().get(i), proto.getExtensionBuilder(i));
        }
    }

    private static void withJsonName(FieldDescriptor field, FieldDescriptorProto.Builder proto) {
        if (!proto.hasJsonName()) {
            proto.setJsonName(field.getJsonName());
        }
    }

    /**
     * Gzip as protoc-gen-go's generated code does it ({@code protoimpl.X.CompressGZIP}): RFC 1952 header with
     * no name, time or flags and OS "unknown", the data in stored deflate blocks of at most 65535 bytes (the last
     * one flagged final; an empty final block when the data fills the previous ones exactly), CRC-32 and length.
     */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 32);
        out.writeBytes(GZIP_HEADER);
        int offset = 0;
        boolean last = false;
        while (!last) {
            int size = Math.min(MAX_STORED_BLOCK, data.length - offset);
            last = data.length - offset < MAX_STORED_BLOCK;
            out.write(last ? 1 : 0);
            out.write(size & 0xff);
            out.write(size >>> 8);
            out.write(~size & 0xff);
            out.write((~size >>> 8) & 0xff);
            out.write(data, offset, size);
            offset += size;
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(data.length);
        out.writeBytes(trailer.array());
        return out.toByteArray();
    }
}
