package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One send of one exchange is one message, in every EIP that copies exchanges: each route below makes the same payload
 * in several places, against a fake with Red Cloud's idempotency rule (a replayed key creates nothing). Each runs with
 * and without an earlier send on the exchange, because an earlier send is what used to leave a seed and a send count
 * for the copies to inherit. The table in docs/idempotency-and-retries.md is this test's list.
 */
class SendEipKeysTest extends RedCloudTestSupport {

    private static final String SEND = "redcloud:send?to=%2B15551234567";
    private static final String TEXT = "same text";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:leaf").setBody(constant(TEXT)).to(SEND);
                // every route starts with an optional send of the same text on the exchange itself
                from("direct:maybeEarlier")
                        .choice()
                        .when(header("earlier"))
                        .setBody(constant(TEXT))
                        .to(SEND)
                        .end();

                from("direct:multicast").to("direct:maybeEarlier").multicast().to("direct:leaf", "direct:leaf");
                from("direct:multicastParallel")
                        .to("direct:maybeEarlier")
                        .multicast()
                        .parallelProcessing()
                        .to("direct:leaf", "direct:leaf");
                from("direct:recipientList")
                        .to("direct:maybeEarlier")
                        .recipientList(constant("direct:leaf,direct:leaf"));
                from("direct:split")
                        .to("direct:maybeEarlier")
                        .setBody(constant(List.of(TEXT, TEXT)))
                        .split(body())
                        .to(SEND);
                from("direct:splitInSplit")
                        .to("direct:maybeEarlier")
                        .setBody(constant(List.of(List.of(TEXT, TEXT), List.of(TEXT, TEXT))))
                        .split(body())
                        .split(body())
                        .to(SEND);
                from("direct:twoSplits")
                        .to("direct:maybeEarlier")
                        .setBody(constant(List.of(TEXT)))
                        .split(body())
                        .to(SEND)
                        .end()
                        .setBody(constant(List.of(TEXT)))
                        .split(body())
                        .to(SEND);
                from("direct:wireTap")
                        .to("direct:maybeEarlier")
                        .wireTap("direct:leaf")
                        .wireTap("direct:leaf")
                        .to("direct:leaf");
                from("direct:enrich")
                        .to("direct:maybeEarlier")
                        // Camel's default strategy copies the resource exchange's message (the key header included)
                        .enrich("direct:leaf")
                        .to("direct:leaf");
                from("direct:pollEnrich")
                        .to("direct:maybeEarlier")
                        .to("seda:parked?waitForTaskToComplete=Never")
                        // the route goes on with the polled exchange: a seda copy of this one
                        .pollEnrich("seda:parked", 5000, (AggregationStrategy) (original, polled) -> polled)
                        .to("direct:leaf");
                from("direct:loop").to("direct:maybeEarlier").loop(2).to("direct:leaf");
                from("direct:loopCopy").to("direct:maybeEarlier").loop(2).copy().to("direct:leaf");
                from("direct:aggregate")
                        .to("direct:maybeEarlier")
                        .aggregate(constant(true), AggregationStrategies.useLatest())
                        .completionSize(2)
                        .to("direct:leaf");
                from("direct:templateCopies").to("direct:maybeEarlier").process(e -> {
                    e.getContext().createProducerTemplate().send("direct:leaf", e.copy());
                    e.getContext().createProducerTemplate().send("direct:leaf", e.copy());
                });
                // each step runs on a copy that keeps the exchange id; the second is a send of its own
                from("direct:routingSlip").to("direct:maybeEarlier").routingSlip(constant("direct:leaf,direct:leaf"));
                from("direct:failover")
                        .to("direct:maybeEarlier")
                        .setBody(constant("failover text"))
                        .loadBalance()
                        .failover()
                        .to(SEND + "&maxRetries=0", SEND + "&maxRetries=0");
                // the exchange gets the resource exchange's results (and seed) back, then fails over: both attempts of
                // that send must agree on the key
                from("direct:enrichThenFailover")
                        .to("direct:maybeEarlier")
                        .enrich("direct:leaf")
                        .setBody(constant("failover text"))
                        .loadBalance()
                        .failover()
                        .to(SEND + "&maxRetries=0", SEND + "&maxRetries=0");
                from("direct:loopCopyInLoopCopy")
                        .to("direct:maybeEarlier")
                        .loop(2)
                        .copy()
                        .loop(2)
                        .copy()
                        .to("direct:leaf");
                from("direct:loopInLoopCopy")
                        .to("direct:maybeEarlier")
                        .loop(2)
                        .copy()
                        .loop(2)
                        .to("direct:leaf");
                from("direct:splitRedelivered")
                        .errorHandler(
                                defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0))
                        .to("direct:maybeEarlier")
                        .setBody(constant(List.of(TEXT, TEXT)))
                        .split(body())
                        .to(SEND + "&maxRetries=0");
            }
        };
    }

    /**
     * The route, how many exchanges go in, the messages meant without the earlier send, and the text of the send whose
     * first answer is lost after Red Cloud created the message (or none).
     */
    static Stream<Arguments> eips() {
        return Stream.of(
                Arguments.of("multicast", 1, 2, null),
                Arguments.of("multicastParallel", 1, 2, null),
                Arguments.of("recipientList", 1, 2, null),
                Arguments.of("split", 1, 2, null),
                Arguments.of("splitInSplit", 1, 4, null),
                Arguments.of("twoSplits", 1, 2, null),
                Arguments.of("wireTap", 1, 3, null),
                Arguments.of("enrich", 1, 2, null),
                Arguments.of("pollEnrich", 1, 1, null),
                Arguments.of("loop", 1, 2, null),
                Arguments.of("loopCopy", 1, 2, null),
                // two exchanges in, one aggregated out, which sends once
                Arguments.of("aggregate", 2, 1, null),
                Arguments.of("templateCopies", 1, 2, null),
                Arguments.of("routingSlip", 1, 2, null),
                // the first endpoint's answer is lost after Red Cloud created the message: the failover is the same
                // send, so it replays the key
                Arguments.of("failover", 1, 1, "failover text"),
                Arguments.of("enrichThenFailover", 1, 2, "failover text"),
                // Camel keeps only the innermost loop's index: the outer iterations must still differ
                Arguments.of("loopCopyInLoopCopy", 1, 4, null),
                Arguments.of("loopInLoopCopy", 1, 4, null),
                // a lost answer in a split branch, redelivered by Camel's error handler on the same branch exchange
                Arguments.of("splitRedelivered", 1, 2, "split redelivered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eips")
    void eachSendOfEachCopyIsOneMessage(String route, int exchanges, int meant, String lostAnswer) {
        runAndCount(route, exchanges, meant, lostAnswer, false);
    }

    @ParameterizedTest(name = "{0} after an earlier send")
    @MethodSource("eips")
    void anEarlierSendOnTheExchangeChangesNothing(String route, int exchanges, int meant, String lostAnswer) {
        runAndCount(route, exchanges, meant, lostAnswer, true);
    }

    private void runAndCount(String route, int exchanges, int meant, String lostAnswer, boolean earlier) {
        if (lostAnswer != null) {
            redCloud.dropFirstAnswerContaining(lostAnswer);
        }
        for (int i = 0; i < exchanges; i++) {
            Exchange out = template.request("direct:" + route, e -> {
                e.getMessage().setBody(TEXT);
                e.getMessage().setHeader("earlier", earlier);
            });
            assertThat(out.getException()).as(route).isNull();
        }
        int expected = meant + (earlier ? exchanges : 0);
        // wireTap's branches run on their own threads
        await().atMost(Duration.ofSeconds(5)).until(() -> redCloud.messagesCreated() >= expected);
        assertThat(redCloud.messagesCreated())
                .as("messages created by %s (keys %s)", route, sendKeys())
                .isEqualTo(expected);
    }

    private List<String> sendKeys() {
        return redCloud.requests(FakeRedCloud.SEND_PATH).stream()
                .map(r -> r.getHeaders().get("Idempotency-Key"))
                .collect(Collectors.toList());
    }
}
