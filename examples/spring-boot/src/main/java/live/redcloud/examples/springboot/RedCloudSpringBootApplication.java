package live.redcloud.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * camel-redcloud on Spring Boot. Nothing here configures the component: the jar's auto-configuration binds
 * {@code camel.component.redcloud.*} from {@code application.yaml}; this application only adds routes
 * ({@link NotifyRoutes}), a REST controller ({@link NotifyController}) and an in-memory event store
 * ({@link EventStore}).
 */
@SpringBootApplication
public class RedCloudSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(RedCloudSpringBootApplication.class, args);
    }
}
