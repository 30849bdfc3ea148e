package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.model.RedCloudConnectionException;
import live.redcloud.camel.model.RedCloudNumber;
import live.redcloud.camel.model.WhoAmI;
import org.junit.jupiter.api.Test;

/** Red Cloud's bring-up rules as pure functions: no HTTP, no Camel. */
class BringUpCheckTest {

    private static final String PATH = "/redcloud/webhook";

    @Test
    void aWellConfiguredClientAndNumberHaveNoFinding() {
        WhoAmI who = who("ACTIVE", true, true);
        List<RedCloudNumber> numbers = List.of(number("num_abc123", "ACTIVE", "A1B2C3", true, true));

        assertThat(BringUpCheck.client(who)).isEmpty();
        assertThat(BringUpCheck.endpoint(who, numbers, send("num_abc123", "SMS"), Set.of("num_abc123")))
                .isEmpty();
        assertThat(BringUpCheck.endpoint(who, numbers, send("num_abc123", "MMS"), Set.of("num_abc123")))
                .isEmpty();
        assertThat(BringUpCheck.endpoint(who, numbers, webhook(Set.of()), Set.of("num_abc123")))
                .isEmpty();
        // a send endpoint without sendFrom (the header decides per message) has nothing to check
        assertThat(BringUpCheck.endpoint(who, numbers, send(null, "SMS"), Set.of()))
                .isEmpty();
    }

    @Test
    void anInactiveApiClientIsDefinite() {
        List<BringUpFinding> findings = BringUpCheck.client(who("SUSPENDED", true, true));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.definite()).isTrue();
            assertThat(f.option()).isEqualTo("clientId");
            assertThat(f.message()).contains("apiClientStatus SUSPENDED", "not ACTIVE");
        });
    }

    @Test
    void eachSendFromRuleIsItsOwnFinding() {
        WhoAmI who = who("ACTIVE", true, true);

        assertThat(only(who, List.of(number("num_abc123", "ACTIVE", "A1", true, true)), send("num_other", "SMS")))
                .contains(
                        "sendFrom=num_other",
                        "not one of this API client's numbers",
                        "num_abc123",
                        "sendFrom is not owned by this API client");
        assertThat(only(who, List.of(number("num_abc123", "ACTIVE", "A1", true, true)), send("+15551234567", "SMS")))
                .contains("never an E.164 number");
        assertThat(only(who, List.of(number("num_abc123", "PENDING", "A1", true, true)), send("num_abc123", "SMS")))
                .contains("status PENDING", "ACTIVE");
        assertThat(only(who, List.of(number("num_abc123", "ACTIVE", "A1", false, true)), send("num_abc123", "SMS")))
                .contains("not smsEnabled");
        assertThat(only(who, List.of(number("num_abc123", "ACTIVE", "A1", true, false)), send("num_abc123", "MMS")))
                .contains("not mmsEnabled", "messageType is MMS");
        assertThat(only(who, List.of(number("num_abc123", "ACTIVE", null, true, true)), send("num_abc123", "SMS")))
                .contains("no campaignRegId", "sendFrom must have campaignregId configured");
    }

    @Test
    void aWebhookWithoutTheAccountWebhookIsAFindingPerKindItWants() {
        List<RedCloudNumber> numbers = List.of(number("num_abc123", "ACTIVE", "A1", true, true));

        List<BringUpFinding> both =
                BringUpCheck.endpoint(who("ACTIVE", false, false), numbers, webhook(Set.of()), Set.of());
        assertThat(both)
                .extracting(BringUpFinding::message)
                .satisfiesExactly(
                        m -> assertThat(m).contains("deliveryWebhookConfigured is false"),
                        m -> assertThat(m).contains("inboundWebhookConfigured is false"));
        // a route that only takes delivery events does not need the inbound webhook
        assertThat(BringUpCheck.endpoint(
                        who("ACTIVE", true, false),
                        numbers,
                        webhook(Set.of("message.delivery", "message.failed")),
                        Set.of()))
                .isEmpty();
        // every watched number overriding the delivery webhook to this path makes up for the account's
        RedCloudNumber overridden = number("num_abc123", "ACTIVE", "A1", true, true);
        overridden.setWebhookDeliveryOverride("https://app.example.com" + PATH);
        assertThat(BringUpCheck.endpoint(
                        who("ACTIVE", false, true), List.of(overridden), webhook(Set.of()), Set.of("num_abc123")))
                .isEmpty();
    }

    @Test
    void anOverrideToAnotherPathIsAFindingNamingTheHostOnly() {
        RedCloudNumber n = number("num_abc123", "ACTIVE", "A1", true, true);
        n.setWebhookInboundOverride("https://hooks.elsewhere.example/in/hook?token=tok_receiver_secret");
        RedCloudNumber unused = number("num_unused", "ACTIVE", "A1", true, true);
        unused.setWebhookInboundOverride("https://unused.example/other");

        // another path this application serves is fine
        RedCloudNumber servedHere = number("num_second", "ACTIVE", "A1", true, true);
        servedHere.setWebhookInboundOverride("https://app.example.com/other/webhook");

        // only the numbers this application sends from are watched (num_unused is not)
        List<BringUpFinding> findings = BringUpCheck.endpoint(
                who("ACTIVE", true, true),
                List.of(n, unused, servedHere),
                webhook(Set.of()),
                Set.of("num_abc123", "num_second"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.definite()).isTrue();
            assertThat(f.message())
                    .contains(
                            "num_abc123",
                            "webhookInboundOverride",
                            "hooks.elsewhere.example",
                            "no redcloud:webhook route of this application serves",
                            PATH)
                    .doesNotContain("tok_receiver_secret")
                    .doesNotContain("/in/hook");
        });
    }

    @Test
    void refusalsAreDefiniteAndOutagesAreNot() {
        BringUpFinding invalidClient = BringUpCheck.failure(
                new CompletionException(new RedCloudAuthenticationException(
                        401, "invalid_client", "Client authentication failed", null)),
                "api.example.com");
        assertThat(invalidClient.definite()).isTrue();
        assertThat(invalidClient.option()).contains("clientId", "clientSecret");
        assertThat(invalidClient.message()).contains("invalid_client", "api.example.com");

        BringUpFinding forbidden = BringUpCheck.failure(
                new RedCloudApiException("numbers", 403, "FORBIDDEN", "missing capability", null, "req_1", null), "h");
        assertThat(forbidden.definite()).isTrue();
        assertThat(forbidden.message()).contains("403", "FORBIDDEN", "req_1");

        assertThat(BringUpCheck.failure(new RedCloudAuthenticationException(503, "server_error", "down", null), "h")
                        .definite())
                .isFalse();
        assertThat(BringUpCheck.failure(
                                new RedCloudApiException("whoami", 429, "RATE_LIMITED", "slow", null, null, null), "h")
                        .definite())
                .isFalse();
        assertThat(BringUpCheck.failure(
                                new RedCloudConnectionException(
                                        "token request", "h:1", 3, new java.net.ConnectException("refused")),
                                "h")
                        .definite())
                .isFalse();
    }

    @Test
    void theSummaryShowsTheClientAndTheNumbersInUse() {
        String line = BringUpCheck.summary(
                who("ACTIVE", false, true),
                List.of(number("num_abc123", "ACTIVE", "A1B2C3", true, false)),
                List.of("num_abc123", "num_gone"),
                "api.example.com");

        assertThat(line)
                .contains(
                        "api.example.com",
                        "'Test client' (rc_test_client_123)",
                        "status ACTIVE",
                        "[numbers:read]",
                        "delivery webhook not configured",
                        "inbound webhook configured",
                        "num_abc123 (+15551234567 ACTIVE, SMS on, MMS off, campaign A1B2C3)",
                        "num_gone (not one of yours)");
    }

    private static String only(WhoAmI who, List<RedCloudNumber> numbers, BringUpCheck.Use use) {
        List<BringUpFinding> findings = BringUpCheck.endpoint(who, numbers, use, Set.of());
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).definite()).isTrue();
        assertThat(findings.get(0).option()).startsWith("sendFrom");
        return findings.get(0).message();
    }

    private static BringUpCheck.Use send(String sendFrom, String messageType) {
        return BringUpCheck.Use.send("redcloud:send", sendFrom, messageType);
    }

    private static BringUpCheck.Use webhook(Set<String> eventTypes) {
        return BringUpCheck.Use.webhook("redcloud:webhook", PATH, eventTypes, Set.of("/other/webhook"));
    }

    static WhoAmI who(String status, boolean delivery, boolean inbound) {
        WhoAmI who = new WhoAmI();
        who.setApiClientId("rc_test_client_123");
        who.setApiClientName("Test client");
        who.setApiClientStatus(status);
        who.setCapabilities(List.of("numbers:read"));
        who.setDeliveryWebhookConfigured(delivery);
        who.setInboundWebhookConfigured(inbound);
        return who;
    }

    static RedCloudNumber number(String id, String status, String campaign, boolean sms, boolean mms) {
        RedCloudNumber n = new RedCloudNumber();
        n.setNumberId(id);
        n.setE164("+15551234567");
        n.setStatus(status);
        n.setCampaignRegId(campaign);
        n.setSmsEnabled(sms);
        n.setMmsEnabled(mms);
        return n;
    }
}
