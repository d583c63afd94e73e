package io.pitaya.protocol.message;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Encodes and decodes Data-packet bodies: {@code flag | [id varint] | [route] | payload} (PROTOCOL.md §2).
 * Immutable and therefore safe to share between all connections.
 */
public final class MessageCodec {

    static final int FLAG_ROUTE_COMPRESSED = 0x01;
    static final int FLAG_COMPRESSED = 0x10;
    static final int FLAG_ERROR = 0x20;

    /** Go rejects anything shorter: even a bare Response has a flag and a 1-byte id. */
    private static final int MIN_MESSAGE_LENGTH = 2;
    /** A zlib stream costs at least 2 header + 2 block + 4 checksum bytes, so shorter data never shrinks. */
    private static final int MIN_COMPRESSIBLE = 9;

    private final RouteDictionary dictionary;
    private final boolean compressPayloads;
    private final int maxInflatedBytes;

    public MessageCodec(RouteDictionary dictionary, boolean compressPayloads) {
        this(dictionary, compressPayloads, Compression.DEFAULT_MAX_OUTPUT);
    }

    /** @param maxInflatedBytes cap on an incoming compressed payload once inflated (bomb guard) */
    public MessageCodec(RouteDictionary dictionary, boolean compressPayloads, int maxInflatedBytes) {
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
        this.compressPayloads = compressPayloads;
        if (maxInflatedBytes < 0) {
            throw new IllegalArgumentException("maxInflatedBytes must be >= 0");
        }
        this.maxInflatedBytes = maxInflatedBytes;
    }

    public RouteDictionary dictionary() {
        return dictionary;
    }

    public boolean compressesPayloads() {
        return compressPayloads;
    }

    /** Encodes a message body (without packet header). */
    public byte[] encode(Message m) {
        return encode(m, 0);
    }

    /** Encodes a whole Data packet (header included) in a single allocation. */
    public byte[] encodePacket(Message m) {
        byte[] out = encode(m, PacketCodec.HEADER_LENGTH);
        PacketCodec.writeHeader(out, 0, PacketType.DATA, out.length - PacketCodec.HEADER_LENGTH);
        return out;
    }

    private byte[] encode(Message m, int headroom) {
        MessageType type = m.type();
        int flag = type.code() << 1;
        int size = 1;
        if (type.hasId()) {
            size += Varint.encodedSize(m.id());
        }
        int routeCode = -1;
        byte[] routeBytes = null;
        if (type.hasRoute()) {
            OptionalInt code = dictionary.codeOf(m.route());
            if (code.isPresent()) {
                routeCode = code.getAsInt();
                flag |= FLAG_ROUTE_COMPRESSED;
                size += 2;
            } else {
                routeBytes = m.route().getBytes(StandardCharsets.UTF_8);
                if (routeBytes.length > RouteDictionary.MAX_ROUTE_BYTES) {
                    throw new ProtocolException("route longer than 255 bytes: " + m.route());
                }
                size += 1 + routeBytes.length;
            }
        }
        byte[] payload = m.data();
        if (compressPayloads && payload.length >= MIN_COMPRESSIBLE) {
            byte[] deflated = Compression.deflate(payload);
            if (deflated.length < payload.length) {
                payload = deflated;
                flag |= FLAG_COMPRESSED;
            }
        }
        if (m.error()) {
            flag |= FLAG_ERROR;
        }
        size += payload.length;
        if (size > PacketCodec.MAX_BODY_LENGTH) {
            throw new ProtocolException("packet too large");
        }

        byte[] out = new byte[headroom + size];
        int pos = headroom;
        out[pos++] = (byte) flag;
        if (type.hasId()) {
            pos = Varint.writeVarint(out, pos, m.id());
        }
        if (routeCode >= 0) {
            out[pos++] = (byte) (routeCode >>> 8);
            out[pos++] = (byte) routeCode;
        } else if (routeBytes != null) {
            out[pos++] = (byte) routeBytes.length;
            System.arraycopy(routeBytes, 0, out, pos, routeBytes.length);
            pos += routeBytes.length;
        }
        System.arraycopy(payload, 0, out, pos, payload.length);
        return out;
    }

    /** Decodes a Data-packet body; any malformation is a {@link ProtocolException}. */
    public Message decode(byte[] body) {
        if (body.length < MIN_MESSAGE_LENGTH) {
            throw new ProtocolException("invalid message");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        int flag = in.get() & 0xFF;
        MessageType type = MessageType.fromCode(flag >> 1 & 0x07);
        long id = type.hasId() ? Varint.readVarint(in) : 0;
        String route = type.hasRoute() ? readRoute(in, (flag & FLAG_ROUTE_COMPRESSED) != 0) : null;
        byte[] data = new byte[in.remaining()];
        in.get(data);
        if ((flag & FLAG_COMPRESSED) != 0) {
            data = Compression.inflate(data, maxInflatedBytes);
        }
        return new Message(type, id, route, data, (flag & FLAG_ERROR) != 0);
    }

    private String readRoute(ByteBuffer in, boolean compressed) {
        if (compressed) {
            if (in.remaining() < 2) {
                throw new ProtocolException("invalid message");
            }
            int code = in.getShort() & 0xFFFF;
            return dictionary.routeOf(code)
                    .orElseThrow(() -> new ProtocolException("route info not found in dictionary"));
        }
        if (!in.hasRemaining()) {
            throw new ProtocolException("invalid message");
        }
        int length = in.get() & 0xFF;
        if (in.remaining() < length) {
            throw new ProtocolException("invalid message");
        }
        String route = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return route;
    }
}
