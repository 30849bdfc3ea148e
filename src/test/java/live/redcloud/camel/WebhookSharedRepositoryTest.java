package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.test.AvailablePortFinder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Two instances behind one webhook URL share Camel's JDBC idempotent repository: an event is routed once overall. */
class WebhookSharedRepositoryTest {

    @Test
    void aDuplicatedEventIsRoutedOnceAcrossTwoContexts() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:redcloud-dedup;DB_CLOSE_DELAY=-1");
        int portA = AvailablePortFinder.getNextAvailable();
        int portB = AvailablePortFinder.getNextAvailable();
        WebhookTestSupport client = new WebhookTestSupport() {};
        String body = WebhookTestSupport.lifecycle(RedCloudEvent.DELIVERY, "msg_shared", 3);

        try (CamelContext a = instance(dataSource, portA);
                CamelContext b = instance(dataSource, portB)) {
            MockEndpoint routedA = a.getEndpoint("mock:routed", MockEndpoint.class);
            MockEndpoint routedB = b.getEndpoint("mock:routed", MockEndpoint.class);

            String ts = WebhookTestSupport.now();
            String sig = WebhookTestSupport.sign(WebhookTestSupport.SECRET, ts, body);
            HttpResponse<String> first = client.post(portA, "/hook", body, ts, sig, null);
            // Red Cloud's redelivery lands on the other instance
            String ts2 = String.valueOf(Long.parseLong(ts) + 60);
            HttpResponse<String> second = client.post(
                    portB, "/hook", body, ts2, WebhookTestSupport.sign(WebhookTestSupport.SECRET, ts2, body), null);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).contains("duplicate");
            assertThat(routedA.getReceivedCounter() + routedB.getReceivedCounter())
                    .isEqualTo(1);
            assertThat(routedA.getReceivedCounter()).isEqualTo(1);
        }
    }

    private static CamelContext instance(JdbcDataSource dataSource, int port) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addService(WebhookTestSupport.platformHttpServer(port));
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "redcloud-webhook");
        context.getRegistry().bind("dedup", repository);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/hook&signingSecret=RAW(" + WebhookTestSupport.SECRET
                                + ")&idempotentRepository=#dedup")
                        .to("mock:routed");
            }
        });
        context.start();
        return context;
    }
}
