package live.redcloud.sandbox;

import static live.redcloud.sandbox.CoreErrors.assertCoreError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Injected faults: server errors, rate limiting, lost responses after commit, token endpoint errors. */
class FaultsTest {

    private final RedCloudSandbox sandbox = RedCloudSandbox.builder()
            .seed(1234)
            .eventDelay(java.time.Duration.ZERO)
            .build()
            .start();
    private final ApiClient api = new ApiClient(sandbox);
    private final String token = api.token();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void sendErrorRateAnswers500BeforeAnythingIsCreated() {
        sandbox.faults().sendErrorRate(1.0);

        assertCoreError(api.sendMessage(token, "k", ApiClient.smsBody("+15551234567")), 500, "SERVER_ERROR");
        assertThat(sandbox.admin().messages()).isEmpty();

        sandbox.faults().sendErrorRate(0);
        // the 500 was not stored: the retry with the same key is processed normally
        assertThat(api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(sandbox.admin().messages()).hasSize(1);
    }

    @Test
    void rateLimitingAnswers429WithRetryAfter() {
        sandbox.faults().sendRateLimitRate(1.0);

        HttpResponse<String> r = api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"));

        assertCoreError(r, 429, "RATE_LIMITED");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(sandbox.admin().messages()).isEmpty();

        sandbox.faults().retryAfterSeconds(7);
        assertThat(api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"))
                        .headers()
                        .firstValue("Retry-After"))
                .hasValue("7");
    }

    @Test
    void failNextSendsIsDeterministic() {
        sandbox.faults().failNextSends(2, 502);

        assertCoreError(api.sendMessage(token, "k", ApiClient.smsBody("+15551234567")), 502, "UPSTREAM_ERROR");
        assertCoreError(api.sendMessage(token, "k", ApiClient.smsBody("+15551234567")), 502, "UPSTREAM_ERROR");
        assertThat(api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(sandbox.faults().pendingSendFailures()).isZero();
    }

    @Test
    void dropAfterCommitLosesTheResponseAndTheRetryGetsTheStoredOne() {
        sandbox.faults().dropAfterCommitRate(1.0);
        HttpRequest request = api.sendRequest(token, "idem_order_789", ApiClient.smsBody("+15551234567"));

        assertThatThrownBy(() -> api.http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(sandbox.admin().messages()).hasSize(1);
        String createdId = sandbox.admin().messages().get(0).messageId();

        sandbox.faults().dropAfterCommitRate(0);
        HttpResponse<String> retry = api.send(request);

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(ApiClient.json(retry).get("results").get(0).get("messageId").asText())
                .isEqualTo(createdId);
        assertThat(sandbox.admin().messages()).hasSize(1);
        assertThat(sandbox.admin().replayCount()).isEqualTo(1);
    }

    @Test
    void aDroppedSendClosesTheConnectionWithoutWritingAByte() throws IOException {
        sandbox.faults().dropNextSendsAfterCommit(1);
        String body = ApiClient.smsBody("+15551234567");
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/core/messages/send HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nIdempotency-Key: raw-1\r\nContent-Type: application/json\r\nContent-Length: " + bodyBytes.length
                + "\r\n\r\n";

        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bodyBytes);
            out.flush();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (java.net.SocketException reset) {
                read = -1; // a reset is a drop too
            }
            assertThat(read).as("bytes of an HTTP response").isEqualTo(-1);
        }
        assertThat(sandbox.admin().messagesForIdempotencyKey("raw-1")).hasSize(1);
    }

    @Test
    void dropNextSendsOnlyAffectsFreshCommitsNotReplays() {
        sandbox.faults().dropNextSendsAfterCommit(1);
        HttpRequest request = api.sendRequest(token, "k", ApiClient.smsBody("+15551234567"));
        assertThatThrownBy(() -> api.http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        assertThat(api.send(request).statusCode()).isEqualTo(202);
    }

    @Test
    void tokenEndpointFaultsAnswerServerError() {
        sandbox.faults().failNextTokenRequests(1);

        TokenEndpointTest.assertOAuthError(
                api.tokenWithBasic(sandbox.clientId(), sandbox.clientSecret(), "grant_type=client_credentials"),
                500,
                "server_error",
                "Internal server error (sandbox fault injection)");
        assertThat(api.token()).startsWith("rc_tok_");

        sandbox.faults().tokenErrorRate(1.0);
        assertThat(api.tokenWithForm("grant_type=client_credentials").statusCode())
                .isEqualTo(500);
    }

    @Test
    void aSeedGivesTheSameFaultSequence() {
        assertThat(errorPattern(55)).isEqualTo(errorPattern(55)).contains(500, 202);
    }

    private static List<Integer> errorPattern(long seed) {
        try (RedCloudSandbox s = RedCloudSandbox.builder()
                .seed(seed)
                .sendErrorRate(0.5)
                .eventDelay(java.time.Duration.ZERO)
                .build()
                .start()) {
            ApiClient client = new ApiClient(s);
            String t = client.token();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add(client.sendMessage(t, "k" + i, ApiClient.smsBody("+15551234567"))
                        .statusCode());
            }
            return statuses;
        }
    }

    @Test
    void faultsCanBeResetAtOnce() {
        sandbox.faults()
                .sendErrorRate(1)
                .sendRateLimitRate(1)
                .dropAfterCommitRate(1)
                .tokenErrorRate(1)
                .failNextSends(3, 500)
                .dropNextSendsAfterCommit(2)
                .failNextTokenRequests(1)
                .reset();

        JsonNode f = sandbox.faults().toJson();
        assertThat(f.get("sendErrorRate").asDouble()).isZero();
        assertThat(f.get("failNextSends").asInt()).isZero();
        assertThat(api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void badFaultValuesAreRefused() {
        assertThatThrownBy(() -> sandbox.faults().sendErrorRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.faults().failNextSends(1, 404)).isInstanceOf(IllegalArgumentException.class);
    }
}
