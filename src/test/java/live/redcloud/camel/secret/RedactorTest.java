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
    void aTokenIsMaskedUntilShortlyAfterItExpiresWhateverOtherTokensCome() {
        live.redcloud.camel.support.RedCloudTestSupport.MutableClock clock =
                new live.redcloud.camel.support.RedCloudTestSupport.MutableClock();
        Redactor redactor = new Redactor(clock);
        redactor.token("rc_tok_long_lived_1", java.time.Duration.ofHours(24));
        // many short-lived tokens of other credentials do not push the long-lived one out
        for (int i = 0; i < 500; i++) {
            redactor.token("rc_tok_short_" + i, java.time.Duration.ofSeconds(1));
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        assertThat(redactor.redact("Bearer rc_tok_long_lived_1")).isEqualTo("Bearer xxxxxx");

        clock.advance(java.time.Duration.ofHours(26));
        redactor.token("rc_tok_next", java.time.Duration.ofHours(1));
        assertThat(redactor.redact("Bearer rc_tok_long_lived_1")).isEqualTo("Bearer rc_tok_long_lived_1");
        assertThat(redactor.redact("Bearer rc_tok_next")).isEqualTo("Bearer xxxxxx");
    }

    @Test
    void htmlEntitiesAndUnicodeEscapesOfASecretAreMaskedToo() {
        Redactor redactor = new Redactor();
        redactor.secret("pä&ss<wörd>'\"x");

        assertThat(redactor.redact("html p&auml; no, pä&amp;ss&lt;wörd&gt;&#39;&quot;x end"))
                .isEqualTo("html p&auml; no, xxxxxx end");
        assertThat(redactor.redact("py p\\u00e4&ss<w\\u00f6rd>'\\\"x end")).isEqualTo("py xxxxxx end");
        assertThat(redactor.redact("go pä\\u0026ss\\u003cwörd\\u003e'\\\"x end"))
                .isEqualTo("go xxxxxx end");
        assertThat(redactor.redact("upper p\\u00E4&ss<w\\u00F6rd>'\\\"x end")).isEqualTo("upper xxxxxx end");
    }

    @Test
    void aSecretOfFewerThanFourCharactersIsLeftAlone() {
        Redactor redactor = new Redactor();
        redactor.secret("ab");

        assertThat(redactor.redact("about a tab")).isEqualTo("about a tab");
    }

    @Test
    void anExceptionWithASecretInItsMessageIsReplacedWithItsTypeAndTraceKept() {
        Redactor redactor = new Redactor();
        redactor.secret("hunter2-secret");
        java.net.ConnectException clean = new java.net.ConnectException("Connection refused");
        java.io.IOException dirty = new java.io.IOException(
                "Invalid header: Authorization: hunter2-secret", new IllegalStateException("hunter2-secret"));

        assertThat(redactor.redacted(clean)).isSameAs(clean);
        Throwable shown = redactor.redacted(dirty);
        assertThat(shown.getMessage()).isEqualTo("java.io.IOException: Invalid header: Authorization: xxxxxx");
        assertThat(shown.getCause().getMessage()).isEqualTo("java.lang.IllegalStateException: xxxxxx");
        assertThat(shown.getStackTrace()).isEqualTo(dirty.getStackTrace());
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
