package live.redcloud.examples.karaf.harness;

import java.util.Dictionary;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Test harness, not a way to deploy Camel: a bundle activator that starts a plain Camel 4 CamelContext (from Camel's
 * ordinary jars, wrapped into bundles by Karaf's wrap: protocol) with one redcloud: route. It stands in for what
 * camel-core-osgi and camel-blueprint do in a real Camel Karaf installation, which cannot be installed here.
 *
 * <p>The settings come from headers of this bundle's manifest (the test writes them): {@code RedCloud-Base-Url},
 * {@code RedCloud-Client-Id}, {@code RedCloud-Client-Secret}.
 */
public class RedCloudRouteActivator implements BundleActivator {

    private CamelContext camel;

    @Override
    public void start(BundleContext bundleContext) throws Exception {
        Dictionary<String, String> headers = bundleContext.getBundle().getHeaders();
        String baseUrl = headers.get("RedCloud-Base-Url");
        String clientId = headers.get("RedCloud-Client-Id");
        String clientSecret = headers.get("RedCloud-Client-Secret");

        ClassLoader loader = new BundlesClassLoader(bundleContext, getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            DefaultCamelContext context = new DefaultCamelContext(false);
            context.getCamelContextExtension().setName("redcloud-karaf-it");
            context.setApplicationContextClassLoader(loader);
            context.build();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:redcloud-whoami?repeatCount=1&delay=200")
                            .routeId("redcloud-whoami")
                            .to("redcloud:whoami?baseUrl=" + baseUrl + "&clientId=" + clientId + "&clientSecret=RAW("
                                    + clientSecret + ")")
                            .log("Red Cloud whoami in Karaf: ${body}");
                }
            });
            context.start();
            camel = context;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void stop(BundleContext bundleContext) throws Exception {
        if (camel != null) {
            camel.close();
            camel = null;
        }
    }
}
