package live.redcloud.examples.benchmarks;

import org.apache.camel.builder.DefaultErrorHandlerBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * What a client that is a Camel route puts around its send step, the same in every such route ({@code redcloud:send},
 * its {@code synchronous=true} variant, camel-http and the hand-written {@code AsyncProcessor}):
 *
 * <ul>
 * <li>{@code workMillis}: a processor after the send step that blocks for that long ({@code Thread.sleep}), standing
 * for whatever blocking work a route does with the answer (a database write, a JMS send). 0: no such step.</li>
 * <li>{@code redelivery}: Camel's default error handler on the route with {@link #MAX_REDELIVERIES} redelivery after
 * {@link #REDELIVERY_DELAY_MILLIS} ms (its default synchronous delay: the thread that runs the error handler sleeps);
 * {@code redcloud:send} then also gets {@code maxRetries=0}, so the component itself does not retry.</li>
 * </ul>
 */
public record RouteSteps(long workMillis, boolean redelivery) {

    public static final RouteSteps NONE = new RouteSteps(0, false);
    public static final RouteSteps REDELIVERY = new RouteSteps(0, true);
    public static final int MAX_REDELIVERIES = 1;
    public static final long REDELIVERY_DELAY_MILLIS = 500;

    public static RouteSteps work(long workMillis) {
        return new RouteSteps(workMillis, false);
    }

    /** The route's error handler, when {@link #redelivery}; call it before the route's first step. */
    RouteDefinition errorHandler(RouteDefinition route) {
        if (redelivery) {
            route.errorHandler(new DefaultErrorHandlerBuilder()
                    .maximumRedeliveries(MAX_REDELIVERIES)
                    .redeliveryDelay(REDELIVERY_DELAY_MILLIS));
        }
        return route;
    }

    /** The blocking step after the send, when {@link #workMillis} is positive. */
    RouteDefinition afterSend(RouteDefinition route) {
        if (workMillis > 0) {
            route.process(exchange -> Thread.sleep(workMillis));
        }
        return route;
    }

    /** The same blocking work, for a client that is not a Camel route (on the thread that waited for the answer). */
    void work() throws InterruptedException {
        if (workMillis > 0) {
            Thread.sleep(workMillis);
        }
    }
}
