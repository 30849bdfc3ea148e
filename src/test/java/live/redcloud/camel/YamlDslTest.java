package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/** A YAML DSL route with {@code uri: redcloud:send} and {@code parameters:} loads and sends. */
class YamlDslTest extends RedCloudTestSupport {

    @Test
    void yamlRouteWithParametersSends() throws Exception {
        String yaml = ""
                + "- route:\n"
                + "    id: yaml-send\n"
                + "    from:\n"
                + "      uri: direct:yaml\n"
                + "      steps:\n"
                + "        - to:\n"
                + "            uri: redcloud:send\n"
                + "            parameters:\n"
                + "              baseUrl: \"" + baseUrl() + "\"\n"
                + "              sendFrom: num_yaml\n"
                + "              to: \"+15551234567,+15557654321\"\n"
                + "              externalReference: order_789\n"
                + "              tokenRefreshMargin: 30s\n"
                + "        - log:\n"
                + "            message: \"queued ${header.CamelRedCloudMessageId}\"\n";
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("send.yaml", yaml));

        Exchange out = template.request("direct:yaml", e -> e.getMessage().setBody("Hello from YAML"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(RedCloudConstants.ACCEPTED_COUNT)).isEqualTo(2);
        assertThat(out.getMessage().getHeader(RedCloudConstants.MESSAGE_ID, String.class))
                .startsWith("msg_");
        JsonNode sent = new ObjectMapper()
                .readTree(redCloud.requests(FakeRedCloud.SEND_PATH)
                        .get(0)
                        .getBody()
                        .utf8());
        assertThat(sent.get("sendFrom").asText()).isEqualTo("num_yaml");
        assertThat(sent.get("to").toString()).isEqualTo("[\"+15551234567\",\"+15557654321\"]");
        assertThat(sent.get("externalReference").asText()).isEqualTo("order_789");
        assertThat(sent.get("text").asText()).isEqualTo("Hello from YAML");
    }
}
