package live.redcloud.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.RedCloudComponentConfigurer;
import live.redcloud.camel.RedCloudConfiguration;
import live.redcloud.camel.StartupCheckMode;
import live.redcloud.camel.auth.ClientAuthentication;
import live.redcloud.camel.springboot.RedCloudComponentAutoConfiguration;
import live.redcloud.camel.webhook.EventStore;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration covers every option in the component's own catalog ({@code redcloud.json}): an entry with
 * a description in the IDE metadata (generated from that catalog at build time), and a value that reaches the
 * component through Spring's relaxed binding and the generated configurer, with no Spring mirror of the options. Every option is set to a value that is not its default, in kebab-case, and read back
 * from the {@code redcloud} component Camel created. Only Camel's and this auto-configuration run (no web server,
 * no routes), which keeps it fast.
 */
class ComponentOptionsBindingTest {

    static final String PREFIX = "camel.component.redcloud.";
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** componentProperties of redcloud.json, less the nested configuration object itself. */
    static final Map<String, JsonNode> OPTIONS = componentOptions();
    /** option name to the value it must have on the component after binding. */
    static final Map<String, Object> EXPECTED = new LinkedHashMap<>();

    static final SSLContextParameters SSL = new SSLContextParameters();
    static final IdempotentRepository REPOSITORY = MemoryIdempotentRepository.memoryIdempotentRepository(10);
    static final IdempotentRepository CLAIMS = MemoryIdempotentRepository.memoryIdempotentRepository(10);
    /** A store of both roles; never called here, only bound. */
    static final EventStore EVENTS = new EventStore() {
        @Override
        public Claim claim(String key) {
            return Claim.CLAIMED;
        }

        @Override
        public void routed(String key) {}

        @Override
        public void release(String key) {}
    };

    static final java.util.concurrent.ExecutorService WORKERS =
            java.util.concurrent.Executors.newSingleThreadExecutor();

    /** Beans the object-typed options refer to with #bean:name. */
    @Configuration(proxyBeanMethods = false)
    static class ReferencedBeans {

        @Bean
        SSLContextParameters testSsl() {
            return SSL;
        }

        @Bean
        IdempotentRepository testRepo() {
            return REPOSITORY;
        }

        @Bean
        IdempotentRepository testClaims() {
            return CLAIMS;
        }

        @Bean
        EventStore testEvents() {
            return EVENTS;
        }

        @Bean(destroyMethod = "")
        java.util.concurrent.ExecutorService testWorkers() {
            return WORKERS;
        }
    }

    /** camel.component.redcloud.kebab-name=value, for every option. */
    static final List<String> PROPERTIES = everyOptionNotAtItsDefault();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CamelAutoConfiguration.class, RedCloudComponentAutoConfiguration.class))
            .withUserConfiguration(ReferencedBeans.class)
            .withPropertyValues(PROPERTIES.toArray(String[]::new));

    static List<String> everyOptionNotAtItsDefault() {
        List<String> properties = new ArrayList<>();
        OPTIONS.forEach((name, option) -> {
            String value;
            Object expected;
            String type = option.path("type").asText();
            String defaultValue = option.path("defaultValue").asText(null);
            switch (name) {
                // the brief's examples, literally
                case "maxRetries" -> {
                    value = "5";
                    expected = 5;
                }
                case "requestTimeout" -> {
                    value = "5000";
                    expected = 5000L;
                }
                case "clientAuthentication" -> {
                    value = "body";
                    expected = ClientAuthentication.body;
                }
                case "startupCheck" -> {
                    value = "fail";
                    expected = StartupCheckMode.fail;
                }
                case "sendFrom" -> {
                    value = "num_x";
                    expected = "num_x";
                }
                case "messageType" -> {
                    value = "MMS";
                    expected = "MMS";
                }
                case "path" -> {
                    value = "/x/hook";
                    expected = "/x/hook";
                }
                case "sslContextParameters" -> {
                    value = "#bean:testSsl";
                    expected = SSL;
                }
                case "idempotentRepository" -> {
                    value = "#bean:testRepo";
                    expected = REPOSITORY;
                }
                case "workerPool" -> {
                    value = "#bean:testWorkers";
                    expected = WORKERS;
                }
                case "claimRepository" -> {
                    value = "#bean:testClaims";
                    expected = CLAIMS;
                }
                case "eventStore" -> {
                    value = "#bean:testEvents";
                    expected = EVENTS;
                }
                // a duration in Spring's notation binds too
                case "connectTimeout" -> {
                    value = "7s";
                    expected = 7000L;
                }
                default -> {
                    switch (type) {
                        case "string" -> {
                            value = "x-" + name;
                            expected = value;
                        }
                        case "boolean" -> {
                            boolean flipped = !Boolean.parseBoolean(defaultValue);
                            value = String.valueOf(flipped);
                            expected = flipped;
                        }
                        case "integer" -> {
                            long number = (defaultValue == null ? 0 : Long.parseLong(defaultValue)) + 7;
                            value = String.valueOf(number);
                            // the option's own Java type (maxResponseSize is a long)
                            expected = "long".equals(option.path("javaType").asText())
                                    ? (Object) number
                                    : (Object) (int) number;
                        }
                        case "duration" -> {
                            long millis = (defaultValue == null ? 0 : Long.parseLong(defaultValue)) + 1234;
                            value = String.valueOf(millis);
                            expected = millis;
                        }
                        default ->
                            throw new IllegalStateException(
                                    "no test value for option " + name + " of type " + type + ": add one to this test");
                    }
                }
            }
            EXPECTED.put(name, expected);
            properties.add(PREFIX + kebab(name) + "=" + value);
        });
        return properties;
    }

    @Test
    void relaxedNamesBind() {
        // camelCase, and base.url: what CAMEL_COMPONENT_REDCLOUD_BASE_URL in the environment becomes
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(CamelAutoConfiguration.class, RedCloudComponentAutoConfiguration.class))
                .withPropertyValues(
                        "camel.component.redcloud.sendFrom=num_camel", "camel.component.redcloud.base.url=https://x")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RedCloudConfiguration configuration = context.getBean(CamelContext.class)
                            .getComponent("redcloud", RedCloudComponent.class)
                            .getConfiguration();
                    assertThat(configuration.getSendFrom()).isEqualTo("num_camel");
                    assertThat(configuration.getBaseUrl()).isEqualTo("https://x");
                });
    }

    @Test
    void anUnknownOptionOrAMissingBeanFailsNamingTheProperty() {
        runner.withPropertyValues(PREFIX + "no-such-option=1").run(context -> {
            assertThat(failureOf(context.getBean(CamelContext.class)))
                    .contains(PREFIX + "no-such-option is not an option of the redcloud component");
        });
        runner.withPropertyValues(PREFIX + "idempotent-repository=#bean:missing")
                .run(context -> {
                    assertThat(failureOf(context.getBean(CamelContext.class)))
                            .contains(PREFIX + "idempotent-repository: no bean named 'missing'");
                });
    }

    private static String failureOf(CamelContext camel) {
        StringBuilder messages = new StringBuilder();
        try {
            camel.getComponent("redcloud", RedCloudComponent.class);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
        }
        return messages.toString();
    }

    @Test
    void metadataListsEveryOptionWithADescription() {
        JsonNode metadata = redCloudMetadata();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        metadata.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));

        OPTIONS.forEach((name, option) -> {
            JsonNode entry = byName.get(PREFIX + kebab(name));
            assertThat(entry).as("metadata for %s%s", PREFIX, kebab(name)).isNotNull();
            String description = entry.path("description").asText();
            assertThat(description)
                    .as("description of %s", name)
                    .startsWith(option.path("description").asText().replaceAll("\\s+", " "));
            assertThat(entry.path("sourceType").asText()).isEqualTo(RedCloudComponent.class.getName());
        });
        assertThat(byName.get(PREFIX + "enabled")).isNotNull();
        assertThat(byName.get(PREFIX + "enabled").path("defaultValue").asBoolean())
                .isTrue();
        assertThat(byName.get(PREFIX + "max-retries").path("defaultValue").asInt())
                .isEqualTo(2);

        // exactly the component's options, nothing stale
        Set<String> expected = new TreeSet<>();
        expected.add(PREFIX + "enabled");
        OPTIONS.keySet().forEach(name -> expected.add(PREFIX + kebab(name)));
        assertThat(new TreeSet<>(byName.keySet())).isEqualTo(expected);
    }

    @Test
    void everyOptionSetInPropertiesLandsOnTheComponent() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            RedCloudComponent component =
                    context.getBean(CamelContext.class).getComponent("redcloud", RedCloudComponent.class);
            assertEveryOptionLanded(component);
        });
    }

    private static void assertEveryOptionLanded(RedCloudComponent component) {
        RedCloudComponentConfigurer configurer = new RedCloudComponentConfigurer();

        List<String> checked = new ArrayList<>();
        EXPECTED.forEach((name, expected) -> {
            assertThat(configurer.getOptionValue(component, name, false))
                    .as("component option %s", name)
                    .isEqualTo(expected);
            checked.add(name);
        });
        assertThat(checked).containsExactlyInAnyOrderElementsOf(OPTIONS.keySet());

        // the brief's examples, spelled out
        RedCloudConfiguration configuration = component.getConfiguration();
        assertThat(configuration.getMaxRetries()).isEqualTo(5);
        assertThat(configuration.getRequestTimeout()).isEqualTo(5000);
        assertThat(configuration.getClientAuthentication()).isEqualTo(ClientAuthentication.body);
        assertThat(configuration.getSendFrom()).isEqualTo("num_x");
        assertThat(configuration.getSslContextParameters()).isSameAs(SSL);
        assertThat(configuration.getIdempotentRepository()).isSameAs(REPOSITORY);
        assertThat(configuration.getClaimRepository()).isSameAs(CLAIMS);
    }

    @Test
    void onlyTheComponentNamedRedcloudIsCustomized() {
        runner.run(context -> {
            ComponentCustomizer customizer = context.getBean("redCloudComponentCustomizer", ComponentCustomizer.class);
            RedCloudComponent component = new RedCloudComponent();
            assertThat(customizer.isEnabled("redcloud", component)).isTrue();
            // a second account's component, e.g. camelContext.addComponent("redcloud-eu", ...), keeps its own options
            assertThat(customizer.isEnabled("redcloud-eu", component)).isFalse();
        });
    }

    static String kebab(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    private static Map<String, JsonNode> componentOptions() {
        JsonNode catalog = readJson(ComponentOptionsBindingTest.class
                .getClassLoader()
                .getResource("META-INF/live/redcloud/camel/redcloud.json"));
        Map<String, JsonNode> options = new LinkedHashMap<>();
        catalog.path("componentProperties").properties().forEach(entry -> {
            if (!entry.getKey().equals("configuration")) {
                options.put(entry.getKey(), entry.getValue());
            }
        });
        return Collections.unmodifiableMap(options);
    }

    /** META-INF/spring-configuration-metadata.json of the camel-redcloud jar (every starter has one). */
    private static JsonNode redCloudMetadata() {
        try {
            for (URL url : Collections.list(ComponentOptionsBindingTest.class
                    .getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                JsonNode metadata = readJson(url);
                for (JsonNode group : metadata.path("groups")) {
                    if (group.path("name").asText().equals("camel.component.redcloud")) {
                        return metadata;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no META-INF/spring-configuration-metadata.json with camel.component.redcloud");
    }

    private static JsonNode readJson(URL url) {
        assertThat(url).isNotNull();
        try (InputStream in = url.openStream()) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
