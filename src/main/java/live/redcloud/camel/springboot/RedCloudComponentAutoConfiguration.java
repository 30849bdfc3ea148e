package live.redcloud.camel.springboot;

import java.util.Locale;
import java.util.Map;
import live.redcloud.camel.RedCloudComponent;
import live.redcloud.camel.RedCloudComponentConfigurer;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertyConfigurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Spring Boot auto-configuration of the {@code redcloud} component: binds {@code camel.component.redcloud.*} to
 * {@link RedCloudComponentConfiguration} and registers a Camel {@link ComponentCustomizer} that applies every option
 * that was set to the component named {@code redcloud} when Camel creates it (as Camel Main does with the same
 * prefix). Options that were not set keep the component's defaults.
 * <p>
 * Active when camel-spring-boot is present and neither {@code camel.component.redcloud.enabled} nor (when that is
 * absent) {@code camel.component.enabled} is {@code false}. It refers to camel-spring-boot by class name only, so
 * the bundle's OSGi manifest does not import {@code org.apache.camel.spring.boot} (Spring imports are optional
 * there). Option values are never logged, only their names.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnClass(value = RedCloudComponent.class, name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@Conditional(RedCloudComponentAutoConfiguration.OnRedCloudComponentEnabled.class)
@EnableConfigurationProperties(RedCloudComponentConfiguration.class)
public class RedCloudComponentAutoConfiguration {

    /** The Camel component name the properties apply to. */
    public static final String COMPONENT_NAME = "redcloud";
    /**
     * Runs before customizers of the default order, so that an application's own {@code ComponentCustomizer} can
     * still override a property.
     */
    public static final int CUSTOMIZER_ORDER = Ordered.HIGHEST + 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RedCloudComponentAutoConfiguration.class);

    @Bean
    public ComponentCustomizer redCloudComponentCustomizer(RedCloudComponentConfiguration configuration) {
        return ComponentCustomizer.builder(RedCloudComponent.class)
                .withOrder(CUSTOMIZER_ORDER)
                .withCondition((name, component) -> COMPONENT_NAME.equals(name))
                .build((name, component) -> applyTo(configuration, component));
    }

    /** Resolves {@code #bean:name} references in the properties of object type (SSL parameters, repository). */
    @Bean
    @ConfigurationPropertiesBinding
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static RedCloudComponentConverter redCloudComponentConverter(ApplicationContext applicationContext) {
        return new RedCloudComponentConverter(applicationContext);
    }

    /**
     * Applies every option set in {@code configuration} to {@code component} through the component's generated
     * property configurer (the same code path as an endpoint URI or Camel Main). Camel property placeholders in text
     * values ({@code {{env:RC_CLIENT_SECRET}}}, {@code {{vault:...}}}, {@code {{some.key}}}) are resolved by Camel
     * first, as Camel Main does and as Camel's SECURITY WARNING recommends; Spring's own {@code ${...}} has been
     * resolved by Spring already. Nothing else is interpreted ({@code #bean:} only for the object-typed options).
     *
     * @throws IllegalStateException if an option is not known to the component, or its placeholder cannot be resolved
     */
    public static void applyTo(RedCloudComponentConfiguration configuration, RedCloudComponent component) {
        Map<String, Object> options = configuration.toComponentOptions();
        if (options.isEmpty()) {
            return;
        }
        CamelContext camelContext = component.getCamelContext();
        PropertyConfigurer configurer = component.getComponentPropertyConfigurer();
        if (configurer == null) {
            configurer = new RedCloudComponentConfigurer();
        }
        for (Map.Entry<String, Object> option : options.entrySet()) {
            Object value = resolvePlaceholders(camelContext, option.getKey(), option.getValue());
            if (!configurer.configure(camelContext, component, option.getKey(), value, false)) {
                throw new IllegalStateException(RedCloudComponentConfiguration.PREFIX + "." + option.getKey()
                        + " is not an option of the " + COMPONENT_NAME + " component");
            }
        }
        // names only: the values include credentials
        LOG.debug("Configured the {} component from {}.*: {}", COMPONENT_NAME, RedCloudComponentConfiguration.PREFIX,
                options.keySet());
    }

    private static Object resolvePlaceholders(CamelContext camelContext, String option, Object value) {
        if (!(value instanceof String) || !((String) value).contains(PropertiesComponent.PREFIX_TOKEN)) {
            return value;
        }
        try {
            return camelContext.resolvePropertyPlaceholders((String) value);
        } catch (RuntimeException e) {
            // Camel's message names the placeholder, never a resolved value
            throw new IllegalStateException("Cannot resolve the Camel property placeholder in "
                    + RedCloudComponentConfiguration.PREFIX + "." + kebab(option) + ": " + e.getMessage(), e);
        }
    }

    private static String kebab(String option) {
        return option.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * {@code camel.component.redcloud.enabled}, else {@code camel.component.enabled}, else {@code true} (the
     * hierarchy of the Camel Spring Boot starters).
     */
    static final class OnRedCloudComponentEnabled extends SpringBootCondition {

        static final String COMPONENT_PROPERTY = RedCloudComponentConfiguration.PREFIX + ".enabled";
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
