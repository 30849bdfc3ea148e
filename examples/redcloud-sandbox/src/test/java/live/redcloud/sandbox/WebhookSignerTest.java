package live.redcloud.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature formula [SIG], checked against values computed outside the sandbox's code. */
class WebhookSignerTest {

    @Test
    void matchesAVectorComputedWithOpenssl() {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        String expected = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789";

        String actual = WebhookSigner.sign("whsec_test", "1700000000", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void matchesAnIndependentHmacOverNonAsciiBodies() throws Exception {
        byte[] body = "{\"text\":\"héllo ✓\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSigner.sign("sëcret", "1712345678", body))
                .isEqualTo(independentSignature("sëcret", "1712345678", body))
                .matches("[0-9a-f]{64}");
    }

    /** Written separately from WebhookSigner on purpose: one Mac over the concatenated bytes, JDK HexFormat. */
    static String independentSignature(String secret, String timestamp, byte[] rawBody) throws Exception {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(rawBody, 0, message, prefix.length, rawBody.length);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message));
    }
}
