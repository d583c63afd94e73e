package io.pitaya.protocol.message;

import static io.pitaya.protocol.Hex.bytes;
import static io.pitaya.protocol.Hex.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitaya.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CompressionTest {

    private static final byte[] TEXT = utf8("{\"msg\":\"" + "hello world ".repeat(40) + "\"}");

    @Test
    void deflateProducesZlibWithGoDefaultHeader() {
        byte[] z = Compression.deflate(TEXT);
        assertThat(Arrays.copyOf(z, 2)).isEqualTo(bytes("78 9c"));
        assertThat(Compression.inflate(z)).isEqualTo(TEXT);
        assertThat(Compression.looksCompressed(z)).isTrue();
    }

    @Test
    void emptyInputRoundTrips() {
        assertThat(Compression.inflate(Compression.deflate(new byte[0]))).isEmpty();
    }

    @Test
    void inflatesEveryZlibLevelAndGzip() throws Exception {
        for (int level : new int[] {Deflater.NO_COMPRESSION, Deflater.BEST_SPEED, 6, Deflater.BEST_COMPRESSION}) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DeflaterOutputStream out = new DeflaterOutputStream(buf, new Deflater(level))) {
                out.write(TEXT);
            }
            assertThat(Compression.looksCompressed(buf.toByteArray())).isTrue();
            assertThat(Compression.inflate(buf.toByteArray())).isEqualTo(TEXT);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(TEXT);
        }
        assertThat(Compression.looksCompressed(gz.toByteArray())).isTrue();
        assertThat(Compression.inflate(gz.toByteArray())).isEqualTo(TEXT);
    }

    @Test
    void corruptOrTruncatedInputIsAProtocolException() {
        byte[] z = Compression.deflate(TEXT);
        assertThatThrownBy(() -> Compression.inflate(Arrays.copyOf(z, z.length / 2)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Compression.inflate(bytes("78 9c ff ff ff ff")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Compression.inflate(utf8("{\"not\":\"compressed\"}")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Compression.inflate(bytes("1f 8b 08 00 01 02")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Compression.inflate(new byte[0])).isInstanceOf(ProtocolException.class);
    }

    @Test
    void decompressionBombIsStopped() {
        byte[] bomb = Compression.deflate(new byte[10_000_000]);
        assertThat(bomb.length).isLessThan(20_000);
        assertThatThrownBy(() -> Compression.inflate(bomb, 1_000_000))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds");
        assertThat(Compression.inflate(bomb, 10_000_000)).hasSize(10_000_000);
    }

    @Test
    void sniffsOnlyZlibAndGzipHeaders() {
        for (String h : new String[] {"7801", "785e", "789c", "78da", "1f8b"}) {
            assertThat(Compression.looksCompressed(bytes(h + "00"))).as(h).isTrue();
        }
        assertThat(Compression.looksCompressed(utf8("{\"code\":200}"))).isFalse();
        assertThat(Compression.looksCompressed(bytes("78 00"))).isFalse();
        assertThat(Compression.looksCompressed(bytes("78"))).isFalse();
        assertThat(Compression.looksCompressed(new byte[0])).isFalse();
    }
}
