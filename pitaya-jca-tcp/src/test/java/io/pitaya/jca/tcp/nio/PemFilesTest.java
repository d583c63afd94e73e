package io.pitaya.jca.tcp.nio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Private keys in the PEM forms Go's {@code tls.LoadX509KeyPair} reads: PKCS#8, PKCS#1 (RSA), SEC1 (EC). Keys are
 * generated here with {@link KeyPairGenerator} (PKCS#1 and SEC1 derived from the PKCS#8 encoding), and read from
 * files the openssl CLI wrote ({@code src/test/resources/pem}, see {@code generate.sh} there).
 */
class PemFilesTest {

    private static final char[] PASSWORD = "pitaya".toCharArray();

    @TempDir
    Path dir;

    // ---- files written by openssl ----

    private static Path fixture(String name) {
        try {
            return Path.of(PemFilesTest.class.getResource("/pem/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-pkcs8.pem", "rsa-pkcs1.pem"})
    void opensslRsaKeysWithTheirCertificate(String key) throws Exception {
        KeyStore store = PemFiles.keyStore(fixture("rsa-cert.pem"), fixture(key), PASSWORD);
        assertThat(store.isKeyEntry("pitaya")).isTrue();
        assertThat(store.getKey("pitaya", PASSWORD).getAlgorithm()).isEqualTo("RSA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-pkcs8.pem", "ec-sec1.pem"})
    void opensslEcKeysWithTheirCertificate(String key) throws Exception {
        KeyStore store = PemFiles.keyStore(fixture("ec-cert.pem"), fixture(key), PASSWORD);
        assertThat(store.getKey("pitaya", PASSWORD).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void opensslPkcs1AndPkcs8AreTheSameKey() throws Exception {
        assertThat(PemFiles.readPrivateKey(fixture("rsa-pkcs1.pem")).getEncoded())
                .isEqualTo(PemFiles.readPrivateKey(fixture("rsa-pkcs8.pem")).getEncoded());
        ECPrivateKey sec1 = (ECPrivateKey) PemFiles.readPrivateKey(fixture("ec-sec1.pem"));
        ECPrivateKey pkcs8 = (ECPrivateKey) PemFiles.readPrivateKey(fixture("ec-pkcs8.pem"));
        assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
        assertThat(sec1.getParams().getCurve()).isEqualTo(pkcs8.getParams().getCurve());
    }

    @Test
    void encryptedPkcs8IsRefusedWithAHint() {
        assertThatThrownBy(() -> PemFiles.readPrivateKey(fixture("rsa-pkcs8-encrypted.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageContainingAll("rsa-pkcs8-encrypted.pem", "is encrypted", "BEGIN ENCRYPTED PRIVATE KEY",
                        "openssl pkey");
    }

    @Test
    void encryptedPkcs1IsRefusedWithAHint() {
        assertThatThrownBy(() -> PemFiles.readPrivateKey(fixture("rsa-pkcs1-encrypted.pem")))
                .isInstanceOf(IOException.class)
                .hasMessageContainingAll("rsa-pkcs1-encrypted.pem", "is encrypted", "Proc-Type: 4,ENCRYPTED",
                        "openssl pkey");
    }

    // ---- keys generated here ----

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 4096})
    void rsaKeyAsPkcs8AndPkcs1(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        PrivateKey key = generator.generateKeyPair().getPrivate();

        PrivateKey fromPkcs8 = read(TestCerts.pem("PRIVATE KEY", key.getEncoded()));
        PrivateKey fromPkcs1 = read(TestCerts.pem("RSA PRIVATE KEY", pkcs1(key)));

        assertThat(fromPkcs8.getEncoded()).isEqualTo(key.getEncoded());
        assertThat(fromPkcs1.getEncoded()).isEqualTo(key.getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
    void ecKeyAsPkcs8AndSec1(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair pair = generator.generateKeyPair();
        ECPrivateKey key = (ECPrivateKey) pair.getPrivate();

        ECPrivateKey fromPkcs8 = (ECPrivateKey) read(TestCerts.pem("PRIVATE KEY", key.getEncoded()));
        ECPrivateKey fromSec1 = (ECPrivateKey) read(TestCerts.pem("EC PRIVATE KEY", sec1(pair, true)));

        assertThat(fromPkcs8.getS()).isEqualTo(key.getS());
        assertThat(fromSec1.getS()).isEqualTo(key.getS());
        assertThat(fromSec1.getParams().getCurve()).isEqualTo(key.getParams().getCurve());
        assertThat(fromSec1.getParams().getOrder()).isEqualTo(key.getParams().getOrder());
    }

    @Test
    void sec1WithoutItsCurveIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));

        String pem = TestCerts.pem("EC PRIVATE KEY", sec1(generator.generateKeyPair(), false));

        assertThatThrownBy(() -> read(pem)).isInstanceOf(IOException.class)
                .hasMessageContaining("without its named curve");
    }

    @Test
    void pkcs1WithWindowsLineEndingsAndAfterACertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        String combined = Files.readString(fixture("rsa-cert.pem")) + TestCerts.pem("RSA PRIVATE KEY", pkcs1(key));

        assertThat(read(combined.replace("\n", "\r\n")).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void aLabelThatDoesNotMatchItsContentIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] ecSec1 = sec1(generator.generateKeyPair(), true);

        assertThatThrownBy(() -> read(TestCerts.pem("RSA PRIVATE KEY", ecSec1))).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a valid PKCS#1 RSA key");
        assertThatThrownBy(() -> read(TestCerts.pem("RSA PRIVATE KEY", new byte[]{0, 0, 0})))
                .isInstanceOf(IOException.class).hasMessageContaining("is not a valid PKCS#1 RSA key");
        assertThatThrownBy(() -> read(TestCerts.pem("EC PRIVATE KEY", new byte[]{0x30, 0x05, 0x02, 0x01})))
                .isInstanceOf(IOException.class).hasMessageContaining("is not a valid SEC1 EC key");
    }

    @Test
    void otherOrMissingBlocksAreRefused() {
        assertThatThrownBy(() -> read("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"))
                .isInstanceOf(IOException.class).hasMessageContainingAll("OPENSSH PRIVATE KEY", "not supported");
        assertThatThrownBy(() -> read("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IOException.class).hasMessageContainingAll("no private key block", "BEGIN RSA PRIVATE KEY",
                        "BEGIN EC PRIVATE KEY");
        assertThatThrownBy(() -> read("-----BEGIN PRIVATE KEY-----\nAAAA\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("has no '-----END PRIVATE KEY-----'");
        assertThatThrownBy(() -> read("-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("not valid base64");
    }

    private PrivateKey read(String pem) throws IOException {
        Path file = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(file, pem);
        return PemFiles.readPrivateKey(file);
    }

    // ---- deriving PKCS#1 and SEC1 from Java's PKCS#8 encoding ----

    /** PKCS#1 RSAPrivateKey: the OCTET STRING inside PrivateKeyInfo { version, algorithm, privateKey }. */
    static byte[] pkcs1(PrivateKey rsa) {
        List<byte[]> info = children(rsa.getEncoded());
        return content(info.get(2));
    }

    /**
     * SEC1 ECPrivateKey { version 1, privateKey, [0] namedCurve, [1] publicKey }, as OpenSSL writes it: the
     * private octets from Java's PKCS#8 encoding, the curve from its AlgorithmIdentifier, the public key from the
     * X.509 encoding.
     */
    static byte[] sec1(KeyPair pair, boolean withCurve) {
        List<byte[]> info = children(pair.getPrivate().getEncoded());
        byte[] curveOid = children(info.get(1)).get(1);
        List<byte[]> inner = children(content(info.get(2)));
        byte[] privateOctets = inner.get(1);
        byte[] publicBits = children(pair.getPublic().getEncoded()).get(1);
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        fields.writeBytes(new byte[]{0x02, 0x01, 0x01});
        fields.writeBytes(privateOctets);
        if (withCurve) {
            fields.writeBytes(tlv(0xA0, curveOid));
        }
        fields.writeBytes(tlv(0xA1, publicBits));
        return tlv(0x30, fields.toByteArray());
    }

    /** The TLVs inside a constructed DER value. */
    private static List<byte[]> children(byte[] der) {
        byte[] content = content(der);
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p < content.length) {
            int[] header = header(content, p);
            int end = header[0] + header[1];
            out.add(Arrays.copyOfRange(content, p, end));
            p = end;
        }
        return out;
    }

    private static byte[] content(byte[] tlv) {
        int[] header = header(tlv, 0);
        return Arrays.copyOfRange(tlv, header[0], header[0] + header[1]);
    }

    /** {content start, content length} of the TLV at {@code offset}. */
    private static int[] header(byte[] der, int offset) {
        int first = der[offset + 1] & 0xFF;
        if (first < 0x80) {
            return new int[]{offset + 2, first};
        }
        int bytes = first & 0x7F;
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[offset + 2 + i] & 0xFF);
        }
        return new int[]{offset + 2 + bytes, length};
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
