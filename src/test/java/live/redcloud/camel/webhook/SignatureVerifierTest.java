package live.redcloud.camel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final String SECRET = "whsec_test";
    private static final String TIMESTAMP = "1700000000";
    private static final byte[] BODY = "{\"type\":\"message.delivery\",\"messageId\":\"msg_abc123\",\"sequence\":3}"
            .getBytes(StandardCharsets.UTF_8);
    /**
     * Computed outside Java: printf '%s' '1700000000.{"type":"message.delivery","messageId":"msg_abc123","sequence":3}'
     * | openssl dgst -sha256 -hmac 'whsec_test'
     */
    private static final String OPENSSL_SIGNATURE = "98030e5aea6fd8683e6449edbdc6f055cad678ff55c150fe4af2df87e9763967";

    private final SignatureVerifier verifier = new SignatureVerifier(SECRET);

    @Test
    void acceptsTheSignatureOpensslComputed() {
        assertThat(verifier.verify(TIMESTAMP, BODY, OPENSSL_SIGNATURE)).isTrue();
    }

    @Test
    void acceptsUpperCaseHexAndSurroundingWhitespace() {
        assertThat(verifier.verify(TIMESTAMP, BODY, OPENSSL_SIGNATURE.toUpperCase()))
                .isTrue();
        assertThat(verifier.verify(TIMESTAMP, BODY, " " + OPENSSL_SIGNATURE + "\t"))
                .isTrue();
    }

    @Test
    void rejectsAWrongSecret() {
        assertThat(new SignatureVerifier("whsec_other").verify(TIMESTAMP, BODY, OPENSSL_SIGNATURE))
                .isFalse();
    }

    @Test
    void rejectsOneChangedByteOfTheBody() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] = '4';
        assertThat(verifier.verify(TIMESTAMP, tampered, OPENSSL_SIGNATURE)).isFalse();
        // re-serialised JSON (a space added) is not the signed body either
        byte[] reserialised =
                new String(BODY, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(TIMESTAMP, reserialised, OPENSSL_SIGNATURE)).isFalse();
    }

    @Test
    void rejectsAChangedTimestamp() {
        assertThat(verifier.verify("1700000001", BODY, OPENSSL_SIGNATURE)).isFalse();
        assertThat(verifier.verify("1700000000000", BODY, OPENSSL_SIGNATURE)).isFalse();
    }

    @Test
    void rejectsMissingHeaders() {
        assertThat(verifier.verify(null, BODY, OPENSSL_SIGNATURE)).isFalse();
        assertThat(verifier.verify("", BODY, OPENSSL_SIGNATURE)).isFalse();
        assertThat(verifier.verify(TIMESTAMP, BODY, null)).isFalse();
        assertThat(verifier.verify(TIMESTAMP, BODY, "")).isFalse();
    }

    @Test
    void rejectsNonHexOrWrongLengthSignatures() {
        assertThat(verifier.verify(TIMESTAMP, BODY, OPENSSL_SIGNATURE.substring(2)))
                .isFalse();
        assertThat(verifier.verify(TIMESTAMP, BODY, OPENSSL_SIGNATURE + "00")).isFalse();
        assertThat(verifier.verify(TIMESTAMP, BODY, "zz" + OPENSSL_SIGNATURE.substring(2)))
                .isFalse();
        assertThat(verifier.verify(TIMESTAMP, BODY, "sha256=" + OPENSSL_SIGNATURE))
                .isFalse();
    }
}
