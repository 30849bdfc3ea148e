package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/** The component JSON is what tooling, IDEs and the docs read: it is tested like code. */
class ComponentMetadataTest {

    private static JsonNode componentJson() throws Exception {
        try (InputStream in =
                ComponentMetadataTest.class.getResourceAsStream("/META-INF/live/redcloud/camel/redcloud.json")) {
            assertThat(in).as("generated component JSON on the classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theProducersAreAsynchronous() throws Exception {
        // tooling (and readers of the catalog) learn from this flag that no thread waits while a call is in flight
        assertThat(componentJson().get("component").get("async").asBoolean()).isTrue();
    }

    @Test
    void everyOptionAndHeaderHasADescription() throws Exception {
        JsonNode json = componentJson();
        for (String section : new String[] {"componentProperties", "properties", "headers"}) {
            Iterator<Map.Entry<String, JsonNode>> it = json.get(section).fields();
            assertThat(it.hasNext()).as(section).isTrue();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> option = it.next();
                assertThat(option.getValue().path("description").asText())
                        .as(section + "." + option.getKey() + " description")
                        .isNotBlank();
            }
        }
    }

    @Test
    void credentialsAreSecretAndDesignOptionsArePresent() throws Exception {
        JsonNode properties = componentJson().get("properties");
        assertThat(properties.get("clientSecret").get("secret").asBoolean()).isTrue();
        assertThat(properties.get("clientId").get("secret").asBoolean()).isTrue();
        assertThat(properties.get("signingSecret").get("secret").asBoolean()).isTrue();
        for (String option : new String[] {
            "baseUrl",
            "clientId",
            "clientSecret",
            "tokenUrl",
            "clientAuthentication",
            "tokenRefreshMargin",
            "connectTimeout",
            "requestTimeout",
            "maxConnections",
            "sslContextParameters",
            "maxRetries",
            "retryBackoff",
            "retryMaxBackoff",
            "sendFrom",
            "to",
            "messageType",
            "externalReference",
            "throwOnPartialFailure",
            "path",
            "signingSecret",
            "allowUnsigned",
            "timestampTolerance",
            "maxBodySize",
            "eventTypes",
            "idempotentRepository",
            "claimRepository",
            "httpComponent"
        }) {
            assertThat(properties.has(option)).as(option).isTrue();
            assertThat(componentJson().get("componentProperties").has(option))
                    .as("component " + option)
                    .isTrue();
        }
        assertThat(properties.get("maxRetries").get("defaultValue").asInt()).isEqualTo(2);
        assertThat(properties.get("path").get("defaultValue").asText()).isEqualTo("/redcloud/webhook");
        assertThat(properties.get("maxBodySize").get("defaultValue").asInt()).isEqualTo(1048576);
        for (String header : new String[] {
            "CamelRedCloudEventType",
            "CamelRedCloudSequence",
            "CamelRedCloudProviderMessageRef",
            "CamelRedCloudWebhookTimestamp",
            "CamelRedCloudMessageId"
        }) {
            assertThat(componentJson().get("headers").has(header)).as(header).isTrue();
        }
        assertThat(properties.get("clientAuthentication").get("enum").toString())
                .isEqualTo("[\"basic\",\"body\"]");
        assertThat(componentJson().get("component").get("syntax").asText()).isEqualTo("redcloud:operation");
    }

    @Test
    void generatedConfigurersAreFoundAndWork() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            PropertyConfigurer configurer =
                    PluginHelper.getConfigurerResolver(context).resolvePropertyConfigurer("redcloud-endpoint", context);
            assertThat(configurer).isNotNull();
            context.start();
            RedCloudEndpoint endpoint = context.getEndpoint(
                    "redcloud:send?baseUrl=https://api.example.com&maxRetries=5&requestTimeout=5s&messageType=MMS",
                    RedCloudEndpoint.class);
            assertThat(endpoint.getConfiguration().getMaxRetries()).isEqualTo(5);
            assertThat(endpoint.getConfiguration().getRequestTimeout()).isEqualTo(5000);
            assertThat(endpoint.getConfiguration().getMessageType()).isEqualTo("MMS");
        }
    }

    @Test
    void componentOptionsAreDefaultsThatEndpointsOverrideOnTheirOwnCopy() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            RedCloudComponent component = new RedCloudComponent();
            component.getConfiguration().setBaseUrl("https://api.example.com");
            component.getConfiguration().setSendFrom("num_default");
            context.addComponent("redcloud", component);
            context.start();

            RedCloudEndpoint plain = context.getEndpoint("redcloud:send", RedCloudEndpoint.class);
            RedCloudEndpoint overriding =
                    context.getEndpoint("redcloud:send?sendFrom=num_other", RedCloudEndpoint.class);

            assertThat(plain.getConfiguration().getSendFrom()).isEqualTo("num_default");
            assertThat(overriding.getConfiguration().getSendFrom()).isEqualTo("num_other");
            assertThat(overriding.getConfiguration().getBaseUrl()).isEqualTo("https://api.example.com");
            assertThat(component.getConfiguration().getSendFrom()).isEqualTo("num_default");
        }
    }

    @Test
    void unknownOperationsAndMissingConnectionOptionsFailClearly() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getEndpoint("redcloud:sned"))
                    .hasRootCauseMessage("Unknown Red Cloud operation 'sned'; use one of send, whoami, numbers,"
                            + " search-numbers, webhook");
            org.apache.camel.ProducerTemplate template = context.createProducerTemplate();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> template.requestBody("redcloud:whoami", "x"))
                    .hasRootCauseMessage("The Red Cloud option baseUrl is required for redcloud:whoami (set it on the"
                            + " endpoint or on the redcloud component)");
        }
    }
}
