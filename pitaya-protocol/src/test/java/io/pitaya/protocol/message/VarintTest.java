package io.pitaya.protocol.message;

import static io.pitaya.protocol.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitaya.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "129, 8101",
        "300, ac02",
        "4294967295, ffffffff0f",
        "-1, ffffffffffffffffff01"
    })
    void encodesAndDecodesProtocolExamples(long value, String hex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.writeVarint(out, value);
        assertThat(out.toByteArray()).isEqualTo(bytes(hex));
        assertThat(Varint.encodedSize(value)).isEqualTo(bytes(hex).length);
        ByteBuffer in = ByteBuffer.wrap(bytes(hex + "ee"));
        assertThat(Varint.readVarint(in)).isEqualTo(value);
        assertThat(in.remaining()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"''", "80", "ffff", "ffffffffffffffffff02", "ffffffffffffffffffff01"})
    void rejectsUnterminatedOrOverlongVarints(String hex) {
        assertThatThrownBy(() -> Varint.readVarint(ByteBuffer.wrap(bytes(hex))))
                .isInstanceOf(ProtocolException.class);
    }
}
