package live.redcloud.sandbox;

import static live.redcloud.sandbox.ExamplesPageFlowTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /api/auth/token: both client authentication styles, each OAuth error, expiry and revocation [AUTH][ERR]. */
class TokenEndpointTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final RedCloudSandbox sandbox =
            RedCloudSandbox.builder().clock(clock).seed(1).build().start();
    private final ApiClient api = new ApiClient(sandbox);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void missingCredentialsIsInvalidRequest() {
        assertOAuthError(
                api.tokenWithForm("grant_type=client_credentials"),
                400,
                "invalid_request",
                "client_id and client_secret are required");
        assertOAuthError(
                api.tokenWithForm("grant_type=client_credentials&client_id=rc_test_client_123"),
                400,
                "invalid_request",
                "client_id and client_secret are required");
        assertOAuthError(
                api.tokenWithBasic("rc_test_client_123", "", "grant_type=client_credentials"),
                400,
                "invalid_request",
                "client_id and client_secret are required");
    }

    @Test
    void otherGrantTypeIsUnsupported() {
        assertOAuthError(
                api.tokenWithBasic("rc_test_client_123", "rc_secret_abc123", "grant_type=password"),
                400,
                "unsupported_grant_type",
                "Only client_credentials is supported");
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        assertOAuthError(
                api.tokenWithBasic("rc_test_client_123", "rc_secret_abc123", ""),
                400,
                "invalid_request",
                "grant_type is required");
    }

    @Test
    void wrongSecretIsInvalidClientWithBasicChallenge() {
        HttpResponse<String> r = api.tokenWithBasic("rc_test_client_123", "wrong", "grant_type=client_credentials");

        assertOAuthError(r, 401, "invalid_client", "Client authentication failed");
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void wrongBodyCredentialsAreInvalidClient() {
        assertOAuthError(
                api.tokenWithForm("grant_type=client_credentials&client_id=someone&client_secret=x"),
                401,
                "invalid_client",
                "Client authentication failed");
    }

    @Test
    void jsonBodyIsInvalidRequest() {
        HttpResponse<String> r = api.send(api.request("/api/auth/token")
                .header("Authorization", ApiClient.basic("rc_test_client_123", "rc_secret_abc123"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
                .build());

        assertOAuthError(r, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    }

    @Test
    void basicAndBodySecretTogetherIsInvalidRequest() {
        HttpResponse<String> r = api.tokenWithBasic(
                "rc_test_client_123",
                "rc_secret_abc123",
                "grant_type=client_credentials&client_secret=rc_secret_abc123");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(r).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void getIsNotAllowed() {
        HttpResponse<String> r = api.send(api.request("/api/auth/token").GET().build());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(ApiClient.json(r).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void tokenStopsWorkingWhenItsLifetimeIsOver() {
        sandbox.tokenLifetime(Duration.ofSeconds(1));
        HttpResponse<String> issued =
                api.tokenWithBasic("rc_test_client_123", "rc_secret_abc123", "grant_type=client_credentials");
        assertThat(ApiClient.json(issued).get("expires_in").asInt()).isEqualTo(1);
        String token = ApiClient.json(issued).get("access_token").asText();

        clock.advance(Duration.ofMillis(999));
        assertThat(api.get("/api/core/whoami", token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMillis(1));
        assertUnauthorized(api.get("/api/core/whoami", token));
        assertThat(sandbox.admin().activeTokens()).isZero();
    }

    @Test
    void defaultLifetimeIsAnHour() {
        String token = api.token();
        clock.advance(Duration.ofSeconds(3599));
        assertThat(api.get("/api/core/numbers", token).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertUnauthorized(api.get("/api/core/numbers", token));
    }

    @Test
    void revokedTokensAreUnauthorized() {
        String token = api.token();
        assertThat(sandbox.admin().activeTokens()).isEqualTo(1);

        assertThat(sandbox.revokeAllTokens()).isEqualTo(1);

        assertUnauthorized(api.get("/api/core/whoami", token));
        assertThat(sandbox.admin().activeTokens()).isZero();
        assertThat(api.get("/api/core/whoami", api.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void missingMalformedAndUnknownBearerTokensAreUnauthorized() {
        assertUnauthorized(api.get("/api/core/whoami", null));
        assertUnauthorized(api.get("/api/core/whoami", "rc_token_example"));
        assertUnauthorized(api.send(api.request("/api/core/whoami")
                .header("Authorization", ApiClient.basic("rc_test_client_123", "rc_secret_abc123"))
                .GET()
                .build()));
    }

    @Test
    void eachTokenIsDistinctAndCounted() {
        String a = api.token();
        String b = api.token();

        assertThat(a).isNotEqualTo(b);
        assertThat(sandbox.admin().tokensIssued()).isEqualTo(2);
        assertThat(sandbox.admin().activeTokens()).isEqualTo(2);
    }

    static void assertOAuthError(HttpResponse<String> r, int status, String error, String description) {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode body = ApiClient.json(r);
        assertThat(fieldNames(body)).containsExactly("error", "error_description");
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).isEqualTo(description);
    }

    static void assertUnauthorized(HttpResponse<String> r) {
        CoreErrors.assertCoreError(r, 401, "UNAUTHORIZED", "Invalid or missing bearer token");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }
}
