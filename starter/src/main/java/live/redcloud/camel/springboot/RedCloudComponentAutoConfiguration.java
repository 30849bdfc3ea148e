package live.redcloud.camel.springboot;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.RedCloudComponentConfigurer;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Spring Boot auto-configuration of the {@code redcloud} component: binds every {@code camel.component.redcloud.*}
 * property (relaxed names: {@code base-url}, {@code baseUrl}, {@code CAMEL_COMPONENT_REDCLOUD_BASEURL}) with Spring's
 * {@link Binder} into a plain map and registers a Camel {@link ComponentCustomizer} that applies each of them through
 * the component's generated property configurer when Camel creates the component named {@code redcloud} (as Camel
 * Main does with the same prefix). Options that were not set keep the component's defaults. There is no Spring mirror
 * of the options: a new option of {@code RedCloudConfiguration} is bound as soon as Camel's generator knows it, and
 * the IDE metadata ({@code META-INF/spring-configuration-metadata.json}) is generated at build time from the
 * component's catalog ({@code redcloud.json}).
 * <p>
 * Active when camel-spring-boot is present and neither {@code camel.component.redcloud.enabled} nor (when that is
 * absent) {@code camel.component.enabled} is {@code false}. It refers to camel-spring-boot by class name only, so
 * the bundle's OSGi manifest does not import {@code org.apache.camel.spring.boot} (Spring imports are optional
 * there). Option values are never logged, only their names.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnClass(value = RedCloudComponent.class, name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@Conditional(RedCloudComponentAutoConfiguration.OnRedCloudComponentEnabled.class)
public class RedCloudComponentAutoConfiguration {

    /** The prefix of the component's Spring Boot properties. */
    public static final String PREFIX = "camel.component.redcloud";
    /** The Camel component name the properties apply to. */
    public static final String COMPONENT_NAME = "redcloud";
    /**
     * Runs before customizers of the default order, so that an application's own {@code ComponentCustomizer} can
     * still override a property.
     */
    public static final int CUSTOMIZER_ORDER = Ordered.HIGHEST + 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RedCloudComponentAutoConfiguration.class);
    /** Keys under the prefix that belong to this auto-configuration, not to the component. */
    private static final Set<String> OWN_KEYS = Set.of("enabled");

    @Bean
    public ComponentCustomizer redCloudComponentCustomizer(Environment environment) {
        Map<String, String> options = bind(environment);
        return ComponentCustomizer.builder(RedCloudComponent.class)
                .withOrder(CUSTOMIZER_ORDER)
                .withCondition((name, component) -> COMPONENT_NAME.equals(name))
                .build((name, component) -> applyTo(options, component));
    }

    /**
     * Every property under {@code camel.component.redcloud.}, keyed by the rest of its name as Spring's relaxed
     * binding hands it over ({@code base-url}, {@code baseUrl}, {@code baseurl} from the environment), values as text.
     */
    static Map<String, String> bind(Environment environment) {
        Map<String, String> bound = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, String> options = new TreeMap<>();
        bound.forEach((key, value) -> {
            if (!OWN_KEYS.contains(key)) {
                options.put(key, value);
            }
        });
        return options;
    }

    /**
     * Applies every option in {@code options} (keys as bound under the prefix, in any of Spring's relaxed forms) to
     * {@code component} through the component's generated property configurer (the same code path as an endpoint
     * URI or Camel Main). Camel property placeholders in values ({@code {{env:RC_CLIENT_SECRET}}},
     * {@code {{vault:...}}}, {@code {{some.key}}}) are resolved by Camel first, as Camel Main does and as Camel's
     * SECURITY WARNING recommends; Spring's own {@code ${...}} has been resolved by Spring already. An option of
     * object type (SSL parameters, idempotent repository) takes a bean reference, {@code #bean:name} or
     * {@code #name}, looked up in Camel's registry (the Spring application context).
     *
     * @throws IllegalStateException if an option is not known to the component, its placeholder cannot be resolved,
     *                               or its bean does not exist
     */
    public static void applyTo(Map<String, String> options, RedCloudComponent component) {
        if (options.isEmpty()) {
            return;
        }
        CamelContext camelContext = component.getCamelContext();
        PropertyConfigurer configurer = component.getComponentPropertyConfigurer();
        if (configurer == null) {
            configurer = new RedCloudComponentConfigurer();
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            String property = PREFIX + "." + option.getKey();
            // base-url, baseUrl, base.url (from BASE_URL in the environment): the configurer matches baseurl
            String name = option.getKey().replace("-", "").replace(".", "").replace("_", "");
            Class<?> type = configurer instanceof PropertyConfigurerGetter
                    ? ((PropertyConfigurerGetter) configurer).getOptionType(name, true)
                    : null;
            if (type == null) {
                throw new IllegalStateException(property + " is not an option of the " + COMPONENT_NAME + " component");
            }
            Object value = resolvePlaceholders(camelContext, property, option.getValue());
            value = resolveBean(camelContext, property, type, value);
            boolean configured;
            try {
                configured = configurer.configure(camelContext, component, name, value, true);
            } catch (RuntimeException e) {
                // a conversion failure (not a number, not a duration): only non-text options convert, never a secret
                throw new IllegalStateException("Invalid value for " + property + ": " + e.getMessage(), e);
            }
            if (!configured) {
                throw new IllegalStateException(property + " is not an option of the " + COMPONENT_NAME + " component");
            }
        }
        // names only: the values include credentials
        LOG.debug("Configured the {} component from {}.*: {}", COMPONENT_NAME, PREFIX, options.keySet());
    }

    private static Object resolvePlaceholders(CamelContext camelContext, String property, String value) {
        if (value == null || !value.contains(PropertiesComponent.PREFIX_TOKEN)) {
            return value;
        }
        try {
            return camelContext.resolvePropertyPlaceholders(value);
        } catch (RuntimeException e) {
            // Camel's message names the placeholder, never a resolved value
            throw new IllegalStateException(
                    "Cannot resolve the Camel property placeholder in " + kebab(property) + ": " + e.getMessage(), e);
        }
    }

    private static Object resolveBean(CamelContext camelContext, String property, Class<?> type, Object value) {
        if (!(value instanceof String)
                || type == String.class
                || type.isPrimitive()
                || type.isEnum()
                || Number.class.isAssignableFrom(type)
                || type == Boolean.class) {
            return value;
        }
        String text = ((String) value).trim();
        String bean;
        if (text.startsWith("#bean:")) {
            bean = text.substring("#bean:".length());
        } else if (text.startsWith("#")) {
            bean = text.substring(1);
        } else {
            throw new IllegalStateException(
                    property + " takes a bean reference such as #bean:myBean (a " + type.getName() + ")");
        }
        Object found = camelContext.getRegistry().lookupByNameAndType(bean, type);
        if (found == null) {
            throw new IllegalStateException(property + ": no bean named '" + bean + "' of type " + type.getName());
        }
        return found;
    }

    private static String kebab(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * {@code camel.component.redcloud.enabled}, else {@code camel.component.enabled}, else {@code true} (the
     * hierarchy of the Camel Spring Boot starters).
     */
    static final class OnRedCloudComponentEnabled extends SpringBootCondition {

        static final String COMPONENT_PROPERTY = PREFIX + ".enabled";
        static final String ALL_PROPERTY = "camel.component.enabled";

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            Boolean enabled = environment.getProperty(COMPONENT_PROPERTY, Boolean.class);
            if (enabled != null) {
                return new ConditionOutcome(enabled, COMPONENT_PROPERTY + "=" + enabled);
            }
            Boolean all = environment.getProperty(ALL_PROPERTY, Boolean.class);
            if (all != null) {
                return new ConditionOutcome(all, ALL_PROPERTY + "=" + all);
            }
            return ConditionOutcome.match(COMPONENT_PROPERTY + " is not set (default true)");
        }
    }
}
