package io.pitaya.protocol.fuzz;

import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.message.Compression;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fuzzes the message decoder with Data-packet bodies: flags, varint ids, raw and dictionary-compressed routes, and
 * zlib/gzip payloads. Property: only a {@link ProtocolException} escapes, and allocation stays within a multiple of
 * the input plus the inflation bound (a zip bomb is refused at the bound).
 */
class MessageDecoderFuzzTest {

    private static final int MAX_INFLATED = 64 * 1024;
    private static final RouteDictionary DICTIONARY = RouteDictionary.of(Map.of("room.join", 1, "room.message", 2, "onMessage", 3));
    private static final MessageCodec CODEC = new MessageCodec(DICTIONARY, true, MAX_INFLATED);

    @Provide
    Arbitrary<byte[]> bodies() {
        return FuzzInputs.mutatedOrRandom("messages", 2048);
    }

    @Property
    void decoderFailsOnlyWithProtocolErrorsAndInflatesWithinTheBound(@ForAll("bodies") byte[] body) {
        long before = Allocation.allocatedByThisThread();
        Message m;
        try {
            m = CODEC.decode(body);
        } catch (ProtocolException e) {
            m = null; // the connection is closed
        }
        long allocated = Allocation.allocatedByThisThread() - before;
        // inflation doubles its output buffer up to the bound and copies it once: about 4 × the bound at most
        assertThat(allocated).isLessThanOrEqualTo(16L * body.length + 4L * MAX_INFLATED + 64 * 1024);
        if (m != null) {
            assertThat(m.data().length).isLessThanOrEqualTo(MAX_INFLATED);
        }
    }

    @Example
    void aZipBombInASmallPacketIsRefusedAtTheBound() {
        byte[] bomb = Compression.deflate(new byte[64 * 1024 * 1024]); // 64 MB of zeros in about 64 KB
        byte[] body = new byte[2 + bomb.length];
        body[0] = 0x02 | 0x10; // a notify (type 1 << 1) with the compressed-payload flag
        body[1] = 0; // route length 0
        System.arraycopy(bomb, 0, body, 2, bomb.length);
        long before = Allocation.allocatedByThisThread();
        assertThatThrownBy(() -> CODEC.decode(body)).isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds");
        assertThat(Allocation.allocatedByThisThread() - before).isLessThan(8L * MAX_INFLATED + 4L * body.length);
    }
}
