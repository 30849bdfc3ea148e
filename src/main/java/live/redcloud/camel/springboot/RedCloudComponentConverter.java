package live.redcloud.camel.springboot;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Lets {@code camel.component.redcloud.*} properties of object type name a Spring bean, as the Camel starters do:
 * {@code camel.component.redcloud.idempotent-repository=#bean:myRepository} (or {@code #myRepository}).
 */
public class RedCloudComponentConverter implements GenericConverter {

    private final ApplicationContext applicationContext;

    public RedCloudComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        Set<ConvertiblePair> answer = new LinkedHashSet<>();
        answer.add(new ConvertiblePair(String.class, SSLContextParameters.class));
        answer.add(new ConvertiblePair(String.class, IdempotentRepository.class));
        return answer;
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String text = source.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        String name;
        if (text.startsWith("#bean:")) {
            name = text.substring("#bean:".length());
        } else if (text.startsWith("#")) {
            name = text.substring(1);
        } else {
            throw new IllegalArgumentException("A " + targetType.getType().getSimpleName()
                    + " option takes a bean reference such as #bean:myBean, not '" + text + "'");
        }
        return applicationContext.getBean(name, targetType.getType());
    }
}
