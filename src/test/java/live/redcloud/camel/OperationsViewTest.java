package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/** Token state and webhook counters, as the dev console and JMX show them. */
class OperationsViewTest extends WebhookTestSupport {

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/ops&signingSecret=RAW(" + SECRET + ")")
                        .to("mock:ops");
            }
        };
    }

    @Test
    void devConsoleAndJmxShowWebhookCountersWithoutSecrets() throws Exception {
        String body = lifecycle("message.delivery", "msg_ops", 3);
        postSigned("/ops", body);
        postSigned("/ops", body);
        post("/ops", body, now(), "00");

        DevConsoleResolver resolver = PluginHelper.getDevConsoleResolver(context);
        DevConsole console = resolver.resolveDevConsole("redcloud");
        assertThat(console).as("dev console found through META-INF/services").isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON, Map.of());
        assertThat(json.toString())
                .contains("path=/ops", "accepted=1", "duplicate=1", "unauthorized=1")
                .doesNotContain(SECRET);
        assertThat((String) console.call(DevConsole.MediaType.TEXT, Map.of())).contains("Webhook /ops");

        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.apache.camel:type=components,*"), null);
        ObjectName redcloud = names.stream()
                .filter(n -> n.toString().contains("redcloud"))
                .findFirst()
                .orElseThrow();
        assertThat(mbeans.getAttribute(redcloud, "WebhookAcceptedCount")).isEqualTo(1L);
        assertThat(mbeans.getAttribute(redcloud, "WebhookDuplicateCount")).isEqualTo(1L);
        assertThat(mbeans.getAttribute(redcloud, "WebhookRejectedCount")).isEqualTo(1L);
        assertThat(mbeans.getAttribute(redcloud, "TokenFetchCount")).isEqualTo(0L);
    }
}
