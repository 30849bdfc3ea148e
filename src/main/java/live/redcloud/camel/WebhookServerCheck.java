package live.redcloud.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Is the webhook path really served? The HTTP consumer being started is not enough: Camel's Vert.x platform-http server
 * reports a failed bind (port taken, say) only as a log line and keeps running without a socket, so on Vert.x the
 * server must also be listening. Under Spring Boot the servlet container fails the application itself.
 */
final class WebhookServerCheck {

    private static final String VERTX_SERVER = "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer";
    private static final boolean VERTX_PRESENT = isPresent(VERTX_SERVER);
    private static final String PLATFORM_HTTP = "platform-http";

    private WebhookServerCheck() {}

    /** Why the path is not served, or {@code null} when it is. */
    static String notServing(CamelContext context, String httpComponent, Consumer httpConsumer) {
        if (httpConsumer == null || !ServiceHelper.isStarted(httpConsumer)) {
            return "the HTTP consumer of the path is not started";
        }
        // the Vert.x servers are platform-http's; only touch their classes when they are there (optional dependency)
        return isVertx(httpComponent) ? VertxServers.notListening(context) : null;
    }

    /** Whether the webhook is served by Camel's Vert.x platform-http server (whose classes may then be touched). */
    static boolean isVertx(String httpComponent) {
        return PLATFORM_HTTP.equals(httpComponent) && VERTX_PRESENT;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, WebhookServerCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
