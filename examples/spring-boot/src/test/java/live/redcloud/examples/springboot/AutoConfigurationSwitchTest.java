package live.redcloud.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.springboot.RedCloudComponentAutoConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code camel.component.redcloud.enabled} and {@code camel.component.enabled} switch the auto-configuration. */
class AutoConfigurationSwitchTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CamelAutoConfiguration.class, RedCloudComponentAutoConfiguration.class));

    @Test
    void onByDefault() {
        runner.withPropertyValues("camel.component.redcloud.max-retries=5").run(context -> {
            assertThat(context).hasBean("redCloudComponentCustomizer");
            assertThat(context.getBean(CamelContext.class)
                            .getComponent("redcloud", RedCloudComponent.class)
                            .getConfiguration()
                            .getMaxRetries())
                    .isEqualTo(5);
        });
    }

    @Test
    void offWithEnabledFalse() {
        runner.withPropertyValues("camel.component.redcloud.enabled=false", "camel.component.redcloud.max-retries=5")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(ComponentCustomizer.class))
                            .isEmpty();
                    assertThat(context.getBean(CamelContext.class)
                                    .getComponent("redcloud", RedCloudComponent.class)
                                    .getConfiguration()
                                    .getMaxRetries())
                            .isEqualTo(2);
                });
    }

    @Test
    void offForAllComponentsUnlessSwitchedOnForThisOne() {
        runner.withPropertyValues("camel.component.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("redCloudComponentCustomizer"));
        runner.withPropertyValues("camel.component.enabled=false", "camel.component.redcloud.enabled=true")
                .run(context -> assertThat(context).hasBean("redCloudComponentCustomizer"));
    }
}
