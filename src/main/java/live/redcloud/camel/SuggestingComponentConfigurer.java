package live.redcloud.camel;

import java.lang.reflect.Method;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generated component configurer, plus one thing: a property that is no option of the component (a typo in
 * {@code camel.component.redcloud.send-frm}) gets a WARN naming it and the closest option, before Camel fails the start
 * on it with a long trace. Camel Main binds component properties through this configurer.
 */
final class SuggestingComponentConfigurer extends RedCloudComponentConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(SuggestingComponentConfigurer.class);

    private final OptionNames options;

    SuggestingComponentConfigurer(OptionNames options) {
        this.options = options;
    }

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        if (super.configure(camelContext, target, name, value, ignoreCase)) {
            return true;
        }
        // Camel may still bind it by reflection (a setter that is no catalog option), or as a nested property
        if (!name.contains(".") && !hasSetter(target, name)) {
            String closest = options.closest(name);
            LOG.warn(
                    "The redcloud component has no option '{}'{}; the property is not applied (the value is not shown)",
                    name,
                    closest == null ? "" : ": did you mean '" + closest + "'?");
        }
        return false;
    }

    private static boolean hasSetter(Object target, String name) {
        String setter = "set" + name.replace("-", "");
        for (Method method : target.getClass().getMethods()) {
            if (method.getParameterCount() == 1 && method.getName().equalsIgnoreCase(setter)) {
                return true;
            }
        }
        return false;
    }
}
