package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.RedCloudTestSupport;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets in {@code redcloud:} URIs, written as {@code RAW(...)} or as property placeholders, against Camel's own
 * surfaces. What prints an endpoint's URI (the endpoint, route, service and producer consoles, JMX, the
 * {@code CamelToEndpoint} property) is the component's to mask, and does. What prints route definitions as written
 * (route-dump, route-structure, the processor console's code, JMX dumpRoutesAsXml) is Camel's: a placeholder stays a
 * placeholder there, a {@code RAW(...)} value does not. So does Camel's DEBUG logging of placeholders it resolves and
 * of URIs it is asked for, in the loggers docs/operations.md names. This test keeps that table true.
 */
class UriSecretsTest extends RedCloudTestSupport {

    private static final String SIGNING_SECRET = "whsec-uri-Secret/9+Q";
    // a ")" inside: Camel's own sanitizer would end the RAW value there and show the rest
    private static final String CLIENT_SECRET = "uri-client)Secret&7=";
    private static final String PROXY_PASSWORD = "uri-proxy-Pass/8+";
    private static final String PLACEHELD_SECRET = "placeheld-Secret/5+";

    /** The loggers docs/operations.md says print secrets at DEBUG, whatever the component does. */
    private static final Set<String> CAMEL_DEBUG_LOGGERS = Set.of(
            "org.apache.camel.impl.engine.AbstractCamelContext",
            "org.apache.camel.impl.engine.DefaultCamelContextExtension",
            "org.apache.camel.support.EndpointHelper",
            "org.apache.camel.component.properties.DefaultPropertiesParser");

    private final int port = AvailablePortFinder.getNextAvailable();
    private LogCapture startLogs;

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        // from before the routes are built, when Camel resolves their URIs
        startLogs = new LogCapture(Level.DEBUG);
        CamelContext context = super.createCamelContext();
        context.addService(WebhookTestSupport.platformHttpServer(port));
        Properties properties = new Properties();
        properties.put("rc.secret", PLACEHELD_SECRET);
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=/uri-secrets&signingSecret=RAW(" + SIGNING_SECRET + ")")
                        .routeId("webhook-raw")
                        .to("log:webhook");
                from("redcloud:webhook?path=/uri-secrets-placeheld&signingSecret={{rc.secret}}")
                        .routeId("webhook-placeheld")
                        .to("log:webhook");
                from("direct:raw")
                        .routeId("send-raw")
                        .to("redcloud:send?to=%2B15551234567&clientSecret=RAW(" + CLIENT_SECRET + ")"
                                + "&proxyAuthUsername=u&proxyAuthPassword=RAW(" + PROXY_PASSWORD + ")"
                                + "&proxyHost=proxy.invalid&proxyPort=3128&nonProxyHosts=127.0.0.1")
                        .toD("redcloud:send?to=%2B15551234567&clientSecret=RAW(" + CLIENT_SECRET + ")");
                from("direct:placeheld")
                        .routeId("send-placeheld")
                        .to("redcloud:send?to=%2B15551234567&clientSecret={{rc.secret}}")
                        .toD("redcloud:whoami?clientSecret={{rc.secret}}");
            }
        };
    }

    @Test
    void theComponentsSurfacesMaskEverySecretAndCamelsDefinitionDumpsKeepPlaceholders() throws Exception {
        Exchange raw = template.request("direct:raw", e -> e.getMessage().setBody("hello"));
        Exchange placeheld =
                template.request("direct:placeheld", e -> e.getMessage().setBody("hello"));
        startLogs.close();

        Map<String, String> endpointSurfaces = new LinkedHashMap<>();
        Map<String, String> definitionSurfaces = new LinkedHashMap<>();
        DevConsoleResolver resolver = PluginHelper.getDevConsoleResolver(context);
        for (String id : List.of("endpoint", "route", "service", "context", "top", "inflight")) {
            read(resolver.resolveDevConsole(id), id, endpointSurfaces);
        }
        // consumer and producer are newer than Camel 4.14
        for (String id : List.of("consumer", "producer")) {
            DevConsole console = resolver.resolveDevConsole(id);
            if (console != null) {
                read(console, id, endpointSurfaces);
            }
        }
        // route-structure is newer than Camel 4.14
        for (String id : List.of("route-dump", "route-structure", "processor")) {
            DevConsole console = resolver.resolveDevConsole(id);
            if (console != null) {
                read(console, id, definitionSurfaces);
            }
        }
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null)) {
            endpointSurfaces.put("JMX " + name, name + " " + mbeans.getAttribute(name, "EndpointUri"));
        }
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:type=context,*"), null)) {
            definitionSurfaces.put("dumpRoutesAsXml", (String) mbeans.invoke(name, "dumpRoutesAsXml", null, null));
        }
        endpointSurfaces.put("CamelToEndpoint raw", raw.getProperty(Exchange.TO_ENDPOINT, String.class));
        endpointSurfaces.put("CamelToEndpoint placeheld", placeheld.getProperty(Exchange.TO_ENDPOINT, String.class));
        endpointSurfaces.put("endpoints", String.valueOf(context.getEndpoints()));
        assertThat(endpointSurfaces.get("endpoint text")).contains("clientSecret=xxxxxx", "signingSecret=xxxxxx");

        for (Map.Entry<String, String> surface : endpointSurfaces.entrySet()) {
            for (String secret : List.of(SIGNING_SECRET, CLIENT_SECRET, PROXY_PASSWORD, PLACEHELD_SECRET)) {
                assertThat(surface.getValue()).as(surface.getKey()).doesNotContain(secret);
            }
        }
        // the secret set on the component, as the docs advise, is in no dump
        assertThat(String.join("\n", definitionSurfaces.values())).doesNotContain(FakeRedCloud.CLIENT_SECRET);
        // Camel's: route definitions as written, RAW(...) values in clear, and route-dump resolves placeholders
        if (definitionSurfaces.containsKey("route-structure text")) {
            assertThat(definitionSurfaces.get("route-structure text")).contains(CLIENT_SECRET, "{{rc.secret}}");
        }
        assertThat(definitionSurfaces.get("dumpRoutesAsXml"))
                .contains(CLIENT_SECRET.replace("&", "&amp;"), "{{rc.secret}}");
        // since Camel 4.18 route-dump resolves placeholders; 4.14 printed them as written
        assertThat(definitionSurfaces.get("route-dump text"))
                .contains(context.getVersion().startsWith("4.14.") ? "{{rc.secret}}" : PLACEHELD_SECRET);

        Set<String> loggersWithSecrets = new TreeSet<>();
        for (String line : startLogs.lines()) {
            for (String secret : List.of(SIGNING_SECRET, CLIENT_SECRET, PROXY_PASSWORD, PLACEHELD_SECRET)) {
                // camel-test-junit5 logs the routes it starts: a test harness, not an application's logging
                if (line.contains(secret) && !line.startsWith("org.apache.camel.test.")) {
                    loggersWithSecrets.add(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        assertThat(loggersWithSecrets)
                .as("the loggers that print a secret at DEBUG: docs/operations.md must name each")
                .isNotEmpty()
                .isSubsetOf(CAMEL_DEBUG_LOGGERS)
                .noneMatch(logger -> logger.startsWith("live.redcloud"));
    }

    @AfterEach
    void restoreLogging() {
        startLogs.close();
    }

    private static void read(DevConsole console, String id, Map<String, String> into) {
        assertThat(console).as("dev console " + id).isNotNull();
        Map<String, Object> options = Map.of();
        into.put(id + " text", String.valueOf(console.call(DevConsole.MediaType.TEXT, options)));
        into.put(id + " json", String.valueOf(console.call(DevConsole.MediaType.JSON, options)));
    }
}
