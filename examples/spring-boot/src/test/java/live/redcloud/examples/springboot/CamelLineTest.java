package live.redcloud.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With only camel-redcloud-starter and the application's camel-spring-boot-bom, every Camel jar on the class path is of
 * the application's line (4.22.0 on Boot 4, 4.18.0 on Boot 3.5): the starter leaves Camel's version to that BOM. A
 * dependency on camel-redcloud alone brought six Camel 4.22 jars onto a 4.18 application, which then did not start.
 */
class CamelLineTest {

    private static final Pattern CAMEL_JAR = Pattern.compile(
            ".*[/\\\\]org[/\\\\]apache[/\\\\]camel[/\\\\](?:springboot[/\\\\])?([^/\\\\]+)[/\\\\]([^/\\\\]+)[/\\\\][^/\\\\]+\\.jar");

    @Test
    void everyCamelJarIsOfTheApplicationsLine() {
        String line = System.getProperty("camel.line");
        assertThat(line).as("set by the POM's surefire configuration").isNotBlank();
        List<String> classPath =
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));

        Map<String, String> camelJars = classPath.stream()
                .map(CAMEL_JAR::matcher)
                .filter(Matcher::matches)
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a + "," + b));

        assertThat(camelJars).containsKeys("camel-api", "camel-http", "camel-jackson", "camel-spring-boot");
        assertThat(camelJars)
                .allSatisfy(
                        (artifact, version) -> assertThat(version).as(artifact).isEqualTo(line));
        assertThat(classPath).anyMatch(entry -> entry.contains("camel-redcloud-starter"));
    }
}
