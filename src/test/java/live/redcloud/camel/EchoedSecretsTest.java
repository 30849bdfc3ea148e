package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import live.redcloud.camel.support.LogCapture;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A gateway or debugging proxy in front of Red Cloud that echoes the request into its answers: the client secret, the
 * Basic credentials, the bearer token and the proxy credentials must not reach any exception message, log line (at any
 * level; HttpClient's own wire loggers aside, see the logging table in docs/operations.md), health-check detail or the dev console, in any form
 * a request carries them. The secrets hold characters that every encoding changes.
 */
class EchoedSecretsTest extends CamelTestSupport {

    private static final String CLIENT_ID = "echo-client";
    private static final String CLIENT_SECRET = "s3cr3t/echo+Key&=x y";
    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "Pr0xy/pass+word&=";

    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCount = new AtomicInteger();
    private volatile Echo echo = Echo.TOKEN_JSON;
    private MockWebServer server;

    /** What the echoing server does. */
    enum Echo {
        /** the token endpoint refuses with the whole request in error_description */
        TOKEN_JSON,
        /** the token endpoint answers an HTML page with the request in it */
        TOKEN_HTML,
        /** tokens are fine; the core API puts the request into its error wrapper: message, details, requestId */
        CORE_JSON,
        /** tokens are fine; the core API answers an HTML page with the request in it */
        CORE_HTML,
        /** tokens are fine; the send is accepted for one recipient, the other's error message is the request */
        SEND_PARTIAL
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
        CamelContext context = super.createCamelContext();
        context.addComponent("redcloud", component(StartupCheckMode.off));
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        HealthCheckRepository producers = (HealthCheckRepository) registry.resolveById("producers");
        producers.setEnabled(true);
        registry.register(producers);
        return context;
    }

    /** Pointed at the echoing server, no retries (one answer per call is enough to echo). */
    private RedCloudComponent component(StartupCheckMode startupCheck) {
        RedCloudComponent component = new RedCloudComponent();
        component.getConfiguration().setBaseUrl("http://127.0.0.1:" + server.getPort());
        component.getConfiguration().setClientId(CLIENT_ID);
        component.getConfiguration().setClientSecret(CLIENT_SECRET);
        component.getConfiguration().setSendFrom("num_abc123");
        component.getConfiguration().setMaxRetries(0);
        component.getConfiguration().setStartupCheck(startupCheck);
        return component;
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:basic").to("redcloud:send?to=%2B15551234567,%2B15557654321");
                from("direct:body").to("redcloud:send?to=%2B15551234567,%2B15557654321&clientAuthentication=body");
                from("direct:whoami").to("redcloud:whoami");
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Echo.class)
    void noSecretInAnyFormReachesAnyText(Echo mode) throws Exception {
        echo = mode;
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = new LogCapture(Level.TRACE)) {
            for (String route : List.of("direct:basic", "direct:body", "direct:whoami")) {
                Exchange out = template.request(route, e -> e.getMessage().setBody("hello"));
                assertThat(out.getException()).as(mode + " " + route).isNotNull();
                texts.add(chain(out.getException()));
                texts.add(String.valueOf(out.getMessage().getHeaders()));
            }
            for (HealthCheck.Result result : HealthCheckHelper.invoke(context)) {
                texts.add(result.getMessage().orElse("") + " " + result.getDetails());
                result.getError().ifPresent(e -> texts.add(chain(e)));
            }
            DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("redcloud");
            texts.add(String.valueOf(console.call(DevConsole.MediaType.TEXT, Map.of())));
            texts.add(String.valueOf(console.call(DevConsole.MediaType.JSON, Map.of())));
            texts.add(logs.text());
        }
        // the server did echo them: otherwise this test proves nothing
        assertThat(server.getRequestCount()).isGreaterThan(0);
        if (mode == Echo.TOKEN_JSON || mode == Echo.TOKEN_HTML) {
            assertThat(String.join("\n", texts)).contains("Authorization: Basic xxxxxx");
        } else {
            assertThat(String.join("\n", texts)).contains("Bearer xxxxxx");
        }
        for (String form : forbiddenForms()) {
            for (String text : texts) {
                assertThat(text).as("%s: a form of a secret", mode).doesNotContain(form);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Echo.class,
            names = {"TOKEN_JSON", "CORE_JSON", "CORE_HTML"})
    void theStartUpCheckQuotesNoSecret(Echo mode) throws Exception {
        echo = mode;
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = new LogCapture(Level.TRACE);
                CamelContext checked = new org.apache.camel.impl.DefaultCamelContext()) {
            RedCloudComponent component = component(StartupCheckMode.warn);
            checked.addComponent("redcloud", component);
            checked.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:checked").to("redcloud:send?to=%2B15551234567");
                }
            });
            checked.start();
            org.apache.camel.Endpoint endpoint = checked.getEndpoints().stream()
                    .filter(e -> e instanceof RedCloudEndpoint)
                    .findFirst()
                    .orElseThrow();
            List<BringUpFinding> findings =
                    component.startupChecks().result(endpoint).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(findings)
                    .as("the echoing server made the check find something")
                    .isNotEmpty();
            findings.forEach(f -> texts.add(f.line()));
            texts.add(String.valueOf(component.startupCheckDetails(endpoint)));
            texts.add(logs.text());
        }
        assertThat(String.join("\n", texts)).contains("xxxxxx");
        for (String form : forbiddenForms()) {
            for (String text : texts) {
                assertThat(text).as("%s: a form of a secret", mode).doesNotContain(form);
            }
        }
    }

    @Test
    void proxyCredentialsEchoedByTheProxyAreMaskedToo() throws Exception {
        // the server is the proxy: it asks for credentials, then echoes the request with Proxy-Authorization
        echo = Echo.CORE_JSON;
        // configured on the component: a password written into a URI is Camel's own DEBUG logging's business, which
        // RedCloudUriSecretsTest covers
        RedCloudConfiguration config =
                context.getComponent("redcloud", RedCloudComponent.class).getConfiguration();
        config.setProxyHost("127.0.0.1");
        config.setProxyPort(server.getPort());
        config.setProxyAuthUsername(PROXY_USER);
        config.setProxyAuthPassword(PROXY_PASSWORD);
        String uri = "redcloud:whoami?baseUrl=http://redcloud.test";
        proxyMode = true;
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = new LogCapture(Level.TRACE)) {
            Exchange out = template.request(uri, e -> e.getMessage().setBody("x"));
            assertThat(out.getException()).isNotNull();
            texts.add(chain(out.getException()));
            texts.add(logs.text());
        }
        assertThat(String.join("\n", texts)).contains("Proxy-Authorization: Basic xxxxxx");
        for (String form : forbiddenForms()) {
            for (String text : texts) {
                assertThat(text).doesNotContain(form);
            }
        }
    }

    private volatile boolean proxyMode;

    private MockResponse answer(RecordedRequest request) {
        StringBuilder headers = new StringBuilder();
        // okhttp's Headers.toString() hides Authorization: a real echoing gateway does not
        for (kotlin.Pair<? extends String, ? extends String> header : request.getHeaders()) {
            headers.append(header.getFirst())
                    .append(": ")
                    .append(header.getSecond())
                    .append('\n');
        }
        String echoed = request.getMethod() + " " + request.getUrl() + "\n" + headers + "\n"
                + (request.getBody() == null ? "" : request.getBody().utf8());
        if (proxyMode && request.getHeaders().get("Proxy-Authorization") == null) {
            return new MockResponse.Builder()
                    .code(407)
                    .setHeader("Proxy-Authenticate", "Basic realm=\"echo\"")
                    .build();
        }
        boolean token = request.getUrl().encodedPath().equals("/api/auth/token");
        if (token && echo != Echo.TOKEN_JSON && echo != Echo.TOKEN_HTML) {
            String value = "rc_tok_echo_" + tokenCount.incrementAndGet() + "_Zq/9+u=";
            issuedTokens.add(value);
            return json(200, "{\"access_token\":" + quote(value) + ",\"token_type\":\"bearer\",\"expires_in\":3600}");
        }
        switch (echo) {
            case TOKEN_JSON:
                return json(401, "{\"error\":\"invalid_client\",\"error_description\":" + quote(echoed) + "}");
            case TOKEN_HTML:
            case CORE_HTML:
                return new MockResponse.Builder()
                        .code(token ? 400 : 502)
                        .setHeader("Content-Type", "text/html")
                        .body("<html><body><pre>" + echoed + "</pre></body></html>")
                        .build();
            case SEND_PARTIAL:
                if (request.getUrl().encodedPath().equals("/api/core/messages/send")) {
                    return json(
                            202,
                            "{\"results\":[],\"errors\":[{\"to\":\"+15557654321\",\"code\":\"REJECTED\",\"message\":"
                                    + quote(echoed) + "}]}");
                }
            // whoami: fall through to the error wrapper
            case CORE_JSON:
            default:
                return json(
                        400,
                        "{\"error\":{\"code\":\"INVALID_REQUEST\",\"message\":" + quote(echoed)
                                + ",\"details\":{\"authorization\":"
                                + quote(String.valueOf(request.getHeaders().get("Authorization")))
                                + ",\"nested\":[" + quote(echoed) + "]}},\"requestId\":"
                                + quote("req " + request.getHeaders().get("Authorization")) + "}");
        }
    }

    /** Every form in which a secret of this test travels in a request. */
    private List<String> forbiddenForms() {
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, PROXY_PASSWORD));
        secrets.addAll(issuedTokens);
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.add(quote(secret).substring(1, quote(secret).length() - 1));
        }
        forms.add(basic(CLIENT_ID, CLIENT_SECRET));
        forms.add(basic(PROXY_USER, PROXY_PASSWORD));
        // a prefix of the Basic value is already too much (an excerpt cut in the middle of it)
        forms.add(basic(CLIENT_ID, CLIENT_SECRET).substring(0, 12));
        return forms;
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" | ");
        }
        return sb.toString();
    }

    private static String quote(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
