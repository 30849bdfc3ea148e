package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Camel's service location (dev console, telemetry) reports for an endpoint's base URL. */
class ServiceLocationTest {

    @ParameterizedTest
    @CsvSource({"https://api.example.com, https", "http://127.0.0.1:8089, http", "HTTPS://API.EXAMPLE.COM, https"})
    void theProtocolIsTheBaseUrlsScheme(String baseUrl, String protocol) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            RedCloudEndpoint endpoint =
                    context.getEndpoint("redcloud:whoami?baseUrl=" + baseUrl, RedCloudEndpoint.class);

            assertThat(endpoint.getServiceUrl()).isEqualTo(baseUrl);
            assertThat(endpoint.getServiceProtocol()).isEqualTo(protocol);
        }
    }
}
