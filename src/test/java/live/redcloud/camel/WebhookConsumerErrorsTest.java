package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

/**
 * Failures of the webhook consumer itself (here: the idempotentRepository is down) go to the consumer's
 * exceptionHandler, or with bridgeErrorHandler=true to the route's error handler; Red Cloud still gets a 500.
 */
class WebhookConsumerErrorsTest extends WebhookTestSupport {

    private final List<Throwable> handled = new CopyOnWriteArrayList<>();

    @BindToRegistry("downRepository")
    private final MemoryIdempotentRepository downRepository = new MemoryIdempotentRepository() {
        @Override
        public boolean contains(String key) {
            throw new IllegalStateException("dedup store unavailable");
        }
    };

    @BindToRegistry("recordingHandler")
    private final ExceptionHandler recordingHandler = new ExceptionHandler() {
        @Override
        public void handleException(Throwable exception) {
            handled.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handled.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            handled.add(exception);
        }
    };

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/hooks/handler&signingSecret=RAW(" + SECRET + ")"
                                + "&idempotentRepository=#downRepository&exceptionHandler=#recordingHandler")
                        .to("mock:handlerRoute");
                from("redcloud:webhook?path=/hooks/bridged&signingSecret=RAW(" + SECRET + ")"
                                + "&idempotentRepository=#downRepository&bridgeErrorHandler=true")
                        .onException(IllegalStateException.class)
                        .handled(true)
                        .to("mock:consumerErrors")
                        .end()
                        .to("mock:bridgedRoute");
            }
        };
    }

    @Test
    void theExceptionHandlerReceivesAConsumerError() throws Exception {
        HttpResponse<String> response = postSigned("/hooks/handler", lifecycle(RedCloudEvent.SENT, "msg_h", 2));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(handled).hasSize(1);
        assertThat(handled.get(0)).isInstanceOf(IllegalStateException.class).hasMessage("dedup store unavailable");
        getMockEndpoint("mock:handlerRoute").expectedMessageCount(0);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void bridgeErrorHandlerHandsAConsumerErrorToTheRoutesErrorHandler() throws Exception {
        MockEndpoint errors = getMockEndpoint("mock:consumerErrors");
        errors.expectedMessageCount(1);
        getMockEndpoint("mock:bridgedRoute").expectedMessageCount(0);

        HttpResponse<String> response = postSigned("/hooks/bridged", lifecycle(RedCloudEvent.SENT, "msg_b", 2));

        assertThat(response.statusCode()).isEqualTo(500);
        MockEndpoint.assertIsSatisfied(context);
        Exchange error = errors.getExchanges().get(0);
        assertThat(error.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .hasMessage("dedup store unavailable");
        // Camel's bridge puts its message in the body; the event's identity stays in the headers
        assertThat(error.getMessage().getBody(String.class)).contains("idempotentRepository", "msg_b");
        assertThat(error.getMessage().getHeader(RedCloudConstants.MESSAGE_ID)).isEqualTo("msg_b");
        assertThat(error.getMessage().getHeaders().keySet()).allMatch(h -> h.startsWith("CamelRedCloud"));
    }
}
