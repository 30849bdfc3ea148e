package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.BindToRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * The webhook consumer when its stores fail after the route or are misconfigured, over HTTP as Red Cloud sees it: a
 * routed event is answered 2xx and never routed again, a claim that could not be released does not keep its own
 * redelivery out, and one store in both roles is refused at start.
 */
class WebhookStoreFailuresTest extends WebhookTestSupport {

    private final AtomicBoolean recordDown = new AtomicBoolean();
    private final AtomicBoolean releaseDown = new AtomicBoolean();
    private final AtomicBoolean routeFails = new AtomicBoolean();
    private final AtomicInteger routings = new AtomicInteger();

    @BindToRegistry("flakyRouted")
    private final MemoryIdempotentRepository flakyRouted = new MemoryIdempotentRepository() {
        @Override
        public boolean add(String key) {
            if (recordDown.getAndSet(false)) {
                throw new IllegalStateException("dedup store down while recording");
            }
            return super.add(key);
        }
    };

    @BindToRegistry("flakyClaims")
    private final MemoryIdempotentRepository flakyClaims = new MemoryIdempotentRepository() {
        @Override
        public boolean remove(String key) {
            if (releaseDown.getAndSet(false)) {
                throw new IllegalStateException("claim store down while releasing");
            }
            return super.remove(key);
        }
    };

    @BindToRegistry("sameStore")
    private final MemoryIdempotentRepository sameStore = new MemoryIdempotentRepository();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/stores&signingSecret=RAW(" + SECRET + ")"
                                + "&idempotentRepository=#flakyRouted&claimRepository=#flakyClaims")
                        .routeId("stores")
                        .process(e -> {
                            routings.incrementAndGet();
                            if (routeFails.getAndSet(false)) {
                                throw new IllegalStateException("route failure, injected");
                            }
                        })
                        .to("mock:routed");
            }
        };
    }

    @Test
    void aRoutedEventWhoseRecordFailsIsAcceptedAndNotRoutedAgain() throws Exception {
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_record", 2);
        recordDown.set(true);

        HttpResponse<String> first;
        HttpResponse<String> redelivered;
        try (LogCapture logs = new LogCapture(Level.WARN)) {
            first = postSigned("/stores", body);
            redelivered = postSigned("/stores", body);
            assertThat(logs.atLeast(Level.WARN))
                    .filteredOn(l -> l.contains("recording it in the idempotentRepository failed"))
                    .hasSize(1)
                    .allSatisfy(l -> assertThat(l).contains("delivery:msg_record:2"));
        }

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(redelivered.statusCode()).isEqualTo(200);
        assertThat(redelivered.body()).contains("duplicate");
        assertThat(routings).hasValue(1);
    }

    @Test
    void aClaimThatCouldNotBeReleasedLetsItsOwnRedeliveryBeRouted() throws Exception {
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_release", 1);
        routeFails.set(true);
        releaseDown.set(true);

        HttpResponse<String> first;
        HttpResponse<String> redelivered;
        try (LogCapture logs = new LogCapture(Level.WARN)) {
            first = postSigned("/stores", body);
            redelivered = postSigned("/stores", body);
        }

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(redelivered.statusCode()).isEqualTo(200);
        assertThat(redelivered.body()).contains("accepted");
        assertThat(routings).hasValue(2);
        MockEndpoint routed = getMockEndpoint("mock:routed");
        assertThat(routed.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aRecordStillPendingWhenTheWebhookStopsIsWrittenAtItsStop() throws Exception {
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_record_at_stop", 2);
        recordDown.set(true);
        try (LogCapture logs = new LogCapture(Level.WARN)) {
            assertThat(postSigned("/stores", body).statusCode()).isEqualTo(200);
        }
        assertThat(flakyRouted.contains("message.delivery:msg_record_at_stop:2"))
                .isFalse();

        // stopped before the 5 s retry timer came round: nobody would record it after this
        try (LogCapture logs = new LogCapture(Level.INFO)) {
            context.getRouteController().stopRoute("stores");

            assertThat(logs.text())
                    .contains("Recorded webhook event message.delivery:msg_record_at_stop:2 in the"
                            + " idempotentRepository after an earlier failure")
                    .doesNotContain("stops with");
        }
        assertThat(flakyRouted.contains("message.delivery:msg_record_at_stop:2"))
                .isTrue();
        assertThat(flakyClaims.contains("message.delivery:msg_record_at_stop:2"))
                .as("its claim given back")
                .isFalse();
    }

    @Test
    void oneStoreInBothRolesIsRefusedAtStart() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("redcloud:webhook?path=/same&signingSecret=RAW(" + SECRET + ")"
                                        + "&idempotentRepository=#sameStore&claimRepository=#sameStore")
                                .routeId("same-store")
                                .to("mock:never");
                    }
                }))
                .hasStackTraceContaining("the idempotentRepository and the claimRepository are the same object");
    }
}
