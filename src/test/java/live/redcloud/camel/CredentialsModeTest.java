package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.RecordedRequest;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

class CredentialsModeTest extends RedCloudTestSupport {

    // characters that need form encoding and would break a naive "id:secret" split
    private static final String AWKWARD_SECRET = "s3cr:t&x=1+%/é";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:basic").to("redcloud:whoami");
                from("direct:body")
                        .to("redcloud:whoami?clientAuthentication=body&clientSecret=RAW(" + AWKWARD_SECRET + ")");
            }
        };
    }

    @Test
    void basicModeSendsBase64OfIdColonSecretAndOnlyTheGrantType() {
        template.requestBody("direct:basic", (Object) null);

        RecordedRequest token = redCloud.requests(FakeRedCloud.TOKEN_PATH).get(0);
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getHeaders().get("Authorization"))
                .isEqualTo(FakeRedCloud.basic(FakeRedCloud.CLIENT_ID, FakeRedCloud.CLIENT_SECRET))
                .isEqualTo("Basic cmNfdGVzdF9jbGllbnRfMTIzOnJjX3NlY3JldF9hYmMxMjM=");
        assertThat(token.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.getBody().utf8()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void bodyModeSendsFormFieldsAndNoAuthorizationHeader() {
        template.requestBody("direct:body", (Object) null);

        RecordedRequest token = redCloud.requests(FakeRedCloud.TOKEN_PATH).get(0);
        assertThat(token.getHeaders().get("Authorization")).isNull();
        assertThat(token.getBody().utf8())
                .isEqualTo("grant_type=client_credentials&client_id=" + FakeRedCloud.CLIENT_ID + "&client_secret="
                        + URLEncoder.encode(AWKWARD_SECRET, StandardCharsets.UTF_8));
        assertThat(redCloud.requests("/api/core/whoami").get(0).getHeaders().get("Authorization"))
                .startsWith("Bearer rc_tok_");
    }
}
