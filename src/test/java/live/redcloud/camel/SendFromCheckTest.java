package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.RedCloudTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A phone number as sendFrom is refused before any token or send request, in whatever form it arrives: an unescaped
 * {@code +} in a URI or a YAML parameter decodes to a space, and digits alone are a phone number too.
 */
class SendFromCheckTest extends RedCloudTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:uri-plus").to("redcloud:send?to=%2B15557654321&sendFrom=+15551234567");
                from("direct:uri-digits").to("redcloud:send?to=%2B15557654321&sendFrom=15551234567");
                from("direct:uri-escaped").to("redcloud:send?to=%2B15557654321&sendFrom=%2B15551234567");
                from("direct:plain").to("redcloud:send?to=%2B15557654321");
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct:uri-plus", "direct:uri-digits", "direct:uri-escaped"})
    void aPhoneNumberOptionInTheUriIsRefusedLocally(String route) {
        assertRefused(template.request(route, e -> e.getMessage().setBody("hello")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+15551234567", " 15551234567", "15551234567", "+1 555 123 4567", "+1 (555) 123-4567"})
    void aPhoneNumberHeaderIsRefusedLocally(String sendFrom) {
        assertRefused(template.request("direct:plain", e -> {
            e.getMessage().setBody("hello");
            e.getMessage().setHeader(RedCloudConstants.SEND_FROM, sendFrom);
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+15551234567", " 15551234567", "15551234567"})
    void aPhoneNumberBodyFieldIsRefusedLocally(String sendFrom) {
        assertRefused(template.request(
                "direct:plain", e -> e.getMessage().setBody(Map.of("sendFrom", sendFrom, "text", "hello"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"+15551234567\"", "+15551234567", "'15551234567'"})
    void aPhoneNumberYamlParameterIsRefusedLocally(String value) throws Exception {
        String yaml = "- route:\n"
                + "    from:\n"
                + "      uri: direct:yaml\n"
                + "      steps:\n"
                + "        - to:\n"
                + "            uri: redcloud:send\n"
                + "            parameters:\n"
                + "              sendFrom: " + value + "\n"
                + "              to: \"+15557654321\"\n";
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("sendfrom.yaml", yaml));

        assertRefused(template.request("direct:yaml", e -> e.getMessage().setBody("hello")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"num_abc123", "num_15551234567", "abc"})
    void aNumberIdIsSent(String sendFrom) {
        Exchange out = template.request("direct:plain", e -> {
            e.getMessage().setBody("hello");
            e.getMessage().setHeader(RedCloudConstants.SEND_FROM, sendFrom);
        });

        assertThat(out.getException()).isNull();
        assertThat(redCloud.requests(FakeRedCloud.SEND_PATH).get(0).getBody().utf8())
                .contains("\"sendFrom\":\"" + sendFrom + "\"");
    }

    private void assertRefused(Exchange out) {
        assertThat(out.getException())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendFrom must be a Red Cloud numberId");
        // not even a token request
        assertThat(server.getRequestCount()).isZero();
    }
}
