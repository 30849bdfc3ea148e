package live.redcloud.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.RedCloudConfiguration;
import live.redcloud.camel.springboot.RedCloudComponentAutoConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Camel property placeholders in camel.component.redcloud.* values are resolved by Camel, as in Camel Main and as
 * Camel's own SECURITY WARNING recommends. The surefire configuration sets RC_PLACEHOLDER_CLIENT_SECRET.
 */
class PlaceholderResolutionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CamelAutoConfiguration.class, RedCloudComponentAutoConfiguration.class));

    @Test
    void envAndPropertyPlaceholdersAreResolved() {
        assertThat(System.getenv("RC_PLACEHOLDER_CLIENT_SECRET"))
                .as("set by the surefire configuration")
                .isEqualTo("rc_secret_from_env");
        runner.withPropertyValues(
                        "camel.component.redcloud.client-secret={{env:RC_PLACEHOLDER_CLIENT_SECRET}}",
                        "camel.component.redcloud.client-id={{redcloud.test.client-id}}",
                        "redcloud.test.client-id=rc_client_from_property",
                        "camel.component.redcloud.signing-secret={{env:RC_PLACEHOLDER_NOT_SET:whsec_default}}",
                        "camel.component.redcloud.base-url=https://{{redcloud.test.host}}",
                        "redcloud.test.host=api.example.com",
                        "camel.component.redcloud.send-from=num_abc123")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RedCloudConfiguration config = context.getBean(CamelContext.class)
                            .getComponent("redcloud", RedCloudComponent.class)
                            .getConfiguration();
                    assertThat(config.getClientSecret()).isEqualTo("rc_secret_from_env");
                    assertThat(config.getClientId()).isEqualTo("rc_client_from_property");
                    assertThat(config.getSigningSecret()).isEqualTo("whsec_default");
                    assertThat(config.getBaseUrl()).isEqualTo("https://api.example.com");
                    assertThat(config.getSendFrom()).isEqualTo("num_abc123");
                });
    }

    @Test
    void anUnresolvablePlaceholderFailsTheStartNamingTheOption() {
        runner.withPropertyValues("camel.component.redcloud.client-secret={{env:RC_PLACEHOLDER_NOT_SET}}")
                .run(context -> {
                    CamelContext camel = context.getBean(CamelContext.class);
                    Throwable failure = null;
                    try {
                        camel.getComponent("redcloud", RedCloudComponent.class);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    assertThat(failure).isNotNull();
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                    assertThat(messages)
                            .contains(
                                    "Cannot resolve the Camel property placeholder in"
                                            + " camel.component.redcloud.client-secret",
                                    "RC_PLACEHOLDER_NOT_SET");
                });
    }
}
