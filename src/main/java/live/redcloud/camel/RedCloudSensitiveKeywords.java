package live.redcloud.camel;

import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.spi.UriParam;
import org.apache.camel.util.SensitiveUtils;

/**
 * Makes Camel mask every secret option of this component wherever it prints properties (Camel Main's startup summary,
 * the configuration dev console). Camel decides by the property's name alone: a fixed list in {@link SensitiveUtils}
 * (which happens to hold {@code clientid}, {@code clientsecret} and {@code proxyauthpassword}) plus the context's
 * additional sensitive keywords; the component JSON's {@code secret: true} plays no part. So the names of the options
 * marked {@code secret = true} that the list lacks ({@code signingSecret}) are added here, for every CamelContext
 * that has this jar on its class path (Java ServiceLoader, when the context is built).
 */
public final class RedCloudSensitiveKeywords implements ContextServicePlugin {

    @Override
    public void load(CamelContext camelContext) {
        ExtendedCamelContext ecc = camelContext.getCamelContextExtension();
        String current = ecc.getAdditionalSensitiveKeywords();
        Set<String> keywords = new LinkedHashSet<>();
        if (current != null && !current.isBlank()) {
            keywords.add(current);
        }
        for (String name : missingSecretNames()) {
            if (current == null || !current.toLowerCase(Locale.ENGLISH).contains(name)) {
                keywords.add(name);
            }
        }
        if (!keywords.isEmpty()) {
            ecc.setAdditionalSensitiveKeywords(String.join(",", keywords));
        }
    }

    /** Lower-case names of the secret options that Camel's own list does not know, in Camel's spelling. */
    static Set<String> missingSecretNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Field field : RedCloudConfiguration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param != null && param.secret() && !SensitiveUtils.containsSensitive(field.getName())) {
                names.add(field.getName().toLowerCase(Locale.ENGLISH));
            }
        }
        return names;
    }
}
