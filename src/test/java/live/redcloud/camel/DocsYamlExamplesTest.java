package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.WebhookTestSupport;
import mockwebserver3.MockWebServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every YAML example in docs/yaml-dsl.md loads, and runs against a fake Red Cloud (or a real HTTP server). */
class DocsYamlExamplesTest extends WebhookTestSupport {

    private static final Path DOC = Path.of("docs/yaml-dsl.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private final FakeRedCloud redCloud = new FakeRedCloud();
    private MockWebServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = redCloud.start();
        CamelContext context = super.createCamelContext();
        // what the page's application.properties sets
        RedCloudComponent component = redCloud.component(server);
        component.getConfiguration().setSigningSecret(SECRET);
        context.addComponent("redcloud", component);
        return context;
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void everyExampleLoadsAndRuns() throws Exception {
        List<String> blocks = yamlBlocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(7);
        for (String yaml : blocks) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("doc.yaml", yaml));
        }

        for (String route : new String[] {"send-sms", "send-many", "send-mms", "bring-up", "search", "send-guarded"}) {
            Exchange out = template.request("direct:" + route, e -> {});
            assertThat(out.getException()).as(route).isNull();
        }
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH)).hasSize(4);
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH).get(1).getHeaders().get("Idempotency-Key"))
                .isEqualTo("order-789-shipped");
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH).get(2).getBody().utf8())
                .contains("\"messageType\":\"MMS\"", "\"mediaUrls\":[\"https://example.com/receipt.png\"]");
        assertThat(redCloud.requests("/api/core/numbers/search")
                        .get(0)
                        .getBody()
                        .utf8())
                .isEqualTo("{\"npa\":\"555\",\"state\":\"TX\"}");

        HttpResponse<String> delivery = postSigned("/redcloud/delivery", lifecycle("message.delivery", "msg_doc", 3));
        HttpResponse<String> sent = postSigned("/redcloud/delivery", lifecycle("message.sent", "msg_doc", 2));
        assertThat(delivery.body()).contains("accepted");
        assertThat(sent.body()).contains("ignored");
    }

    @Test
    void theGuardedSendReportsRedCloudsErrorCode() throws Exception {
        for (String yaml : yamlBlocks()) {
            if (yaml.contains("id: send-guarded")) {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("doc.yaml", yaml));
            }
        }
        redCloud.script(
                FakeRedCloud.SEND_PATH,
                FakeRedCloud.coreError(403, "FORBIDDEN", "sendFrom is not owned by this API client", "req_send_002"));

        Exchange out = template.request("direct:send-guarded", e -> {});

        assertThat(out.getException()).isNull();
        assertThat(out.getProperty(Exchange.EXCEPTION_CAUGHT, live.redcloud.camel.model.RedCloudApiException.class)
                        .getErrorCode())
                .isEqualTo("FORBIDDEN");
    }

    private static List<String> yamlBlocks() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
