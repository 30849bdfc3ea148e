package live.redcloud.camel.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String SECRET = "s3cr/et+K&y=\"q\\";

    @Test
    void everyFormOfASecretIsMasked() {
        Redactor redactor = new Redactor();
        redactor.basicCredentials("client", SECRET);
        String basic = Base64.getEncoder().encodeToString(("client:" + SECRET).getBytes(StandardCharsets.UTF_8));
        String form = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);

        String text = "raw " + SECRET + " form " + form + " pct " + form.replace("+", "%20") + " lower "
                + java.util.regex.Pattern.compile("%[0-9A-F]{2}")
                        .matcher(form)
                        .replaceAll(m -> m.group().toLowerCase())
                + " json " + SECRET.replace("\\", "\\\\").replace("\"", "\\\"") + " slash "
                + SECRET.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/") + " basic " + basic
                + " unpadded " + basic.replace("=", "") + " urlsafe "
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("client:" + SECRET).getBytes(StandardCharsets.UTF_8))
                + " end";

        String redacted = redactor.redact(text);

        assertThat(redacted)
                .doesNotContain(SECRET, form, basic, basic.replace("=", ""), "s3cr")
                .startsWith("raw xxxxxx form xxxxxx")
                .endsWith(" end");
    }

    @Test
    void tokensAreKeptNewestFirstUpToALimit() {
        Redactor redactor = new Redactor();
        for (int i = 0; i < Redactor.TOKENS_KEPT + 1; i++) {
            redactor.token("rc_tok_" + i + "_abcdef");
        }
        assertThat(redactor.redact("Bearer rc_tok_0_abcdef")).isEqualTo("Bearer rc_tok_0_abcdef");
        assertThat(redactor.redact("Bearer rc_tok_16_abcdef")).isEqualTo("Bearer xxxxxx");
    }

    @Test
    void anExcerptIsCutAfterRedactionSoNoHalfSecretRemains() {
        Redactor redactor = new Redactor();
        redactor.secret("0123456789abcdef-secret");
        byte[] body = ("x".repeat(190) + "0123456789abcdef-secret and more").getBytes(StandardCharsets.UTF_8);

        String excerpt = redactor.excerpt(body, 200);

        assertThat(excerpt).doesNotContain("0123456789").contains("xxxxxx");
    }

    @Test
    void withoutSecretsTextStaysAsItIs() {
        assertThat(new Redactor().redact("nothing to hide")).isEqualTo("nothing to hide");
        assertThat(new Redactor().redact(null)).isNull();
    }
}
