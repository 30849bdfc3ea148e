package live.redcloud.sandbox.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import live.redcloud.sandbox.RedCloudSandbox;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link RedCloudSandboxTest}: one sandbox per test class (nested classes share their outer
 * class's), started on a free port, webhooks pointed at the application under test, faults reset before each test.
 * It can also be registered directly ({@code @ExtendWith(RedCloudSandboxExtension.class)}), with the annotation's
 * defaults.
 */
public class RedCloudSandboxExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedCloudSandboxExtension.class);
    private static final String KEY = "sandbox";

    /** The running sandbox and what the test is handed about it. */
    record Running(RedCloudSandbox sandbox, SandboxConnection connection) {}

    @Override
    public void beforeAll(ExtensionContext context) {
        if (find(context) != null) {
            return; // a nested class: the outer class's sandbox serves it
        }
        Settings settings = settings(context);
        int webhookPort = settings.webhookPort > 0 ? settings.webhookPort : freePort();
        String webhookUrl = "http://127.0.0.1:" + webhookPort + settings.webhookPath;
        RedCloudSandbox sandbox = RedCloudSandbox.builder()
                .port(0)
                .signingSecret(settings.signingSecret)
                .deliveryWebhookUrl(webhookUrl)
                .inboundWebhookUrl(webhookUrl)
                .retryScale(settings.retryScale)
                .eventDelay(Duration.ofMillis(settings.eventDelayMillis))
                .tokenLifetime(Duration.ofSeconds(settings.tokenLifetimeSeconds))
                .build()
                .start();
        SandboxConnection connection = new SandboxConnection(
                sandbox.baseUrl(),
                sandbox.tokenUrl(),
                sandbox.clientId(),
                sandbox.clientSecret(),
                settings.signingSecret,
                webhookPort,
                settings.webhookPath);
        context.getStore(NAMESPACE).put(KEY, new Running(sandbox, connection));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Running running = find(context);
        if (running != null) {
            running.sandbox().faults().reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(KEY, Running.class);
        if (running != null) {
            running.sandbox().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SandboxConnection.class || type == RedCloudSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = find(context);
        if (running == null) {
            throw new ParameterResolutionException("no Red Cloud sandbox is running for " + context.getDisplayName()
                    + " (a sandbox starts before all tests of a class annotated @RedCloudSandboxTest)");
        }
        return parameter.getParameter().getType() == RedCloudSandbox.class ? running.sandbox() : running.connection();
    }

    /** The sandbox of this class or of an enclosing one (the store looks up through parent contexts). */
    private static Running find(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(KEY, Running.class);
    }

    private record Settings(
            String signingSecret,
            String webhookPath,
            int webhookPort,
            double retryScale,
            long eventDelayMillis,
            long tokenLifetimeSeconds) {}

    private static Settings settings(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, RedCloudSandboxTest.class))
                .map(a -> new Settings(
                        a.signingSecret(),
                        a.webhookPath(),
                        a.webhookPort(),
                        a.retryScale(),
                        a.eventDelayMillis(),
                        a.tokenLifetimeSeconds()))
                .orElse(new Settings(RedCloudSandbox.DEFAULT_SIGNING_SECRET, "/redcloud/webhook", 0, 0.001, 20, 3600));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a free port for the application's webhook", e);
        }
    }
}
