package live.redcloud.examples.karaf.harness;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Classes through the parent (this bundle, which imports every exported package dynamically); resources, such as
 * Camel's META-INF/services/org/apache/camel/... factory files, from every resolved bundle. In real Camel Karaf,
 * camel-core-osgi finds components, languages and type converters through the OSGi service registry instead.
 */
final class BundlesClassLoader extends ClassLoader {

    private static final int RESOLVED_OR_LATER = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;

    private final BundleContext bundleContext;

    BundlesClassLoader(BundleContext bundleContext, ClassLoader parent) {
        super(parent);
        this.bundleContext = bundleContext;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (Bundle bundle : bundles()) {
            try {
                return bundle.loadClass(name);
            } catch (ClassNotFoundException | IllegalStateException e) {
                // next bundle
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (Bundle bundle : bundles()) {
            URL url = bundle.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        Set<String> seen = new HashSet<>();
        List<URL> urls = new ArrayList<>();
        for (Bundle bundle : bundles()) {
            Enumeration<URL> found = bundle.getResources(name);
            if (found != null) {
                for (URL url : Collections.list(found)) {
                    if (seen.add(url.toExternalForm())) {
                        urls.add(url);
                    }
                }
            }
        }
        return Collections.enumeration(urls);
    }

    private List<Bundle> bundles() {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getBundleId() != 0 && (bundle.getState() & RESOLVED_OR_LATER) != 0) {
                bundles.add(bundle);
            }
        }
        return bundles;
    }
}
