package live.redcloud.examples.springboot;

import live.redcloud.camel.RedCloudConstants;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The two routes. Connection, credentials, the default sending number and the webhook signing secret come from
 * {@code camel.component.redcloud.*}, so the URIs carry only what is specific to each route.
 */
@Component
public class NotifyRoutes extends RouteBuilder {

    public static final String NOTIFY = "direct:notify";
    public static final String WEBHOOK_PATH = "/redcloud/webhook";

    private final EventStore eventStore;

    public NotifyRoutes(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public void configure() {
        // body: the text; headers CamelRedCloudTo (and optionally CamelRedCloudExternalReference,
        // CamelRedCloudIdempotencyKey) set by the caller. The answer's headers carry the messageId and status.
        from(NOTIFY)
                .routeId("notify")
                .to("redcloud:send")
                .log("Red Cloud accepted ${header." + RedCloudConstants.ACCEPTED_COUNT + "} message(s): " + "${header."
                        + RedCloudConstants.MESSAGE_ID + "} ${header." + RedCloudConstants.STATUS + "}");

        // served by Spring's web server through platform-http; signature checked before the route runs
        from("redcloud:webhook?path=" + WEBHOOK_PATH)
                .routeId("redcloud-webhook")
                .log("Red Cloud event ${header." + RedCloudConstants.EVENT_TYPE + "} for ${header."
                        + RedCloudConstants.MESSAGE_ID + "} (sequence ${header." + RedCloudConstants.SEQUENCE + "})")
                .bean(eventStore, "record");
    }
}
