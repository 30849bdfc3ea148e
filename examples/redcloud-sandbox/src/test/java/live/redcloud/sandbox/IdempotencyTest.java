package live.redcloud.sandbox;

import static live.redcloud.sandbox.CoreErrors.assertCoreError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Key rules [IDEM]: replay, conflict, retention, concurrent duplicates. */
class IdempotencyTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final RedCloudSandbox sandbox =
            RedCloudSandbox.builder().clock(clock).seed(11).build().start();
    private final ApiClient api = new ApiClient(sandbox);
    private final String token = api.token();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void sameKeyAndPayloadReturnsTheStoredResponseWithoutANewSend() {
        HttpResponse<String> first = api.sendMessage(token, "idem_order_789", ApiClient.smsBody("+15551234567"));
        HttpResponse<String> again = api.sendMessage(token, "idem_order_789", ApiClient.smsBody("+15551234567"));

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(sandbox.admin().messages()).hasSize(1);
        assertThat(sandbox.admin().replayCount()).isEqualTo(1);
        assertThat(sandbox.admin().messageCountsByIdempotencyKey()).containsEntry("idem_order_789", 1);
    }

    @Test
    void payloadsAreComparedAsJsonNotAsText() {
        HttpResponse<String> first = api.sendMessage(
                token,
                "k",
                "{\"sendFrom\":\"num_abc123\",\"to\":[\"+15551234567\"]," + "\"messageType\":\"SMS\",\"text\":\"hi\"}");
        HttpResponse<String> reordered = api.sendMessage(
                token,
                "k",
                "{ \"text\" : \"hi\", \"messageType\":\"SMS\",\n"
                        + "  \"to\": [ \"+15551234567\" ], \"sendFrom\": \"num_abc123\" }");

        assertThat(reordered.statusCode()).isEqualTo(202);
        assertThat(reordered.body()).isEqualTo(first.body());
        assertThat(sandbox.admin().messages()).hasSize(1);
    }

    @Test
    void sameKeyWithADifferentPayloadIsAConflict() {
        api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"));

        HttpResponse<String> changed = api.sendMessage(token, "k", ApiClient.smsBody("+15557654321"));

        assertCoreError(changed, 409, "CONFLICT");
        assertThat(sandbox.admin().messages()).hasSize(1);
        assertThat(sandbox.admin().replayCount()).isZero();
    }

    @Test
    void differentKeysAreDifferentOperations() {
        api.sendMessage(token, "order-1", ApiClient.smsBody("+15551234567"));
        api.sendMessage(token, "order-2", ApiClient.smsBody("+15551234567"));

        assertThat(sandbox.admin().messages()).hasSize(2);
        assertThat(sandbox.admin().messagesForIdempotencyKey("order-2")).hasSize(1);
    }

    @Test
    void keysAreKeptFor24Hours() {
        HttpResponse<String> first = api.sendMessage(token, "k", ApiClient.smsBody("+15551234567"));
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        String freshToken = api.token();

        assertThat(api.sendMessage(freshToken, "k", ApiClient.smsBody("+15551234567"))
                        .body())
                .isEqualTo(first.body());

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> afterRetention = api.sendMessage(freshToken, "k", ApiClient.smsBody("+15551234567"));
        assertThat(afterRetention.statusCode()).isEqualTo(202);
        assertThat(afterRetention.body()).isNotEqualTo(first.body());
        assertThat(sandbox.admin().messages()).hasSize(2);
    }

    @Test
    void concurrentDuplicatesCreateOneSetOfMessages() throws Exception {
        int parallel = 8;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < parallel; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return api.sendMessage(
                                    token, "same-key", ApiClient.smsBody("+15551234567", "+15557654321"));
                        },
                        pool));
            }
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                responses.add(c.get());
            }

            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
            assertThat(responses)
                    .extracting(HttpResponse::body)
                    .containsOnly(responses.get(0).body());
            assertThat(sandbox.admin().messages()).hasSize(2);
            assertThat(sandbox.admin().replayCount()).isEqualTo(parallel - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
