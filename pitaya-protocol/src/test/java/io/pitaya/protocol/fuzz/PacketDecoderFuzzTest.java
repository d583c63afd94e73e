package io.pitaya.protocol.fuzz;

import io.pitaya.protocol.Hex;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketDecoder;
import io.pitaya.protocol.ProtocolException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the framing of both transports with peer bytes: the streaming decoder (TCP, fed in random chunks, with the
 * server's handshake bound) and whole-frame decoding (WebSocket).
 *
 * <p>Property: nothing but a {@link ProtocolException} escapes; the decoder either accounts for every byte (packets
 * plus the buffered partial one) or fails, after which the connection is closed; and memory follows the input: what
 * the decoder holds stays within twice the buffered bytes plus a small constant, and everything it allocates stays
 * within a fixed multiple of the input plus a few KB (never the announced length).
 */
class PacketDecoderFuzzTest {

    /** Per input byte: a 4-byte packet costs a Packet and list slots on top of its bytes. */
    private static final long ALLOCATION_PER_BYTE = 48;
    /** Independent of any announced length: covers a ProtocolException's stack trace and first-use class setup. */
    private static final long ALLOCATION_FIXED = 256 * 1024;

    @Provide
    Arbitrary<byte[]> streams() {
        return FuzzInputs.mutatedOrRandom("packets", 4096);
    }

    @Property
    void streamingDecoderFailsOnlyWithProtocolErrorsAndHoldsWhatArrived(
            @ForAll("streams") byte[] input, @ForAll @IntRange(min = 1, max = 97) int chunk) {
        List<ByteBuffer> chunks = new ArrayList<>(); // built before measuring: the wrappers are the test's cost
        for (int i = 0; i < input.length; i += chunk) {
            chunks.add(ByteBuffer.wrap(input, i, Math.min(chunk, input.length - i)));
        }
        PacketDecoder decoder = new PacketDecoder(PacketCodec.MAX_BODY_LENGTH, PacketDecoder.DEFAULT_MAX_HANDSHAKE_LENGTH);
        List<Packet> packets = new ArrayList<>(input.length / 4 + 1);
        boolean failed = false;
        int excessCapacity = 0; // checked without allocating: assertions inside the loop would count as allocation
        long before = Allocation.allocatedByThisThread();
        try {
            for (ByteBuffer b : chunks) {
                packets.addAll(decoder.decode(b));
                excessCapacity = Math.max(excessCapacity, decoder.bufferedCapacity() - 2 * decoder.bufferedBytes());
            }
        } catch (ProtocolException e) {
            failed = true; // the connection is closed
        }
        long allocated = Allocation.allocatedByThisThread() - before;
        assertThat(excessCapacity).as("capacity beyond twice the buffered bytes").isLessThanOrEqualTo(1024);
        assertThat(allocated).as("bytes allocated for %d input bytes", input.length)
                .isLessThanOrEqualTo(ALLOCATION_PER_BYTE * input.length + ALLOCATION_FIXED);
        if (!failed) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            packets.forEach(p -> decoded.writeBytes(PacketCodec.encode(p)));
            assertThat(decoded.size() + decoder.bufferedBytes()).isEqualTo(input.length);
            assertThat(Hex.hex(decoded.toByteArray())).isEqualTo(Hex.hex(java.util.Arrays.copyOf(input, decoded.size())));
        }
    }

    @Property
    void frameDecoderFailsOnlyWithProtocolErrors(@ForAll("streams") byte[] frame) {
        long before = Allocation.allocatedByThisThread();
        try {
            Packet p = PacketCodec.decodeFrame(frame, PacketDecoder.DEFAULT_MAX_HANDSHAKE_LENGTH);
            assertThat(Hex.hex(PacketCodec.encode(p))).isEqualTo(Hex.hex(frame));
        } catch (ProtocolException e) {
            // the connection is closed
        }
        assertThat(Allocation.allocatedByThisThread() - before).isLessThanOrEqualTo(2L * frame.length + ALLOCATION_FIXED);
    }
}
