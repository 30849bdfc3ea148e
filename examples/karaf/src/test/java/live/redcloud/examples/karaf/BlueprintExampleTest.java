package live.redcloud.examples.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The blueprint example cannot run here (no camel-blueprint, see README.md), so check what can be checked without
 * it: it is well-formed, its beans are classes of the component jar, and its redcloud: URIs and bean properties use
 * only operations and options that the component's generated metadata declares.
 */
class BlueprintExampleTest {

    private static Document blueprint;
    private static JsonNode properties;
    private static Set<String> componentClasses;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = BlueprintExampleTest.class.getResourceAsStream("/deploy/redcloud-example.xml")) {
            assertThat(in).as("deploy/redcloud-example.xml on the classpath").isNotNull();
            blueprint = factory.newDocumentBuilder().parse(in);
        }
        Path jar = Path.of(
                        System.getProperty("redcloud.component.jar", "../../target/camel-redcloud-0.1.0-SNAPSHOT.jar"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            fail("The camel-redcloud bundle is missing at " + jar + ". Build the component first: "
                    + "`mvn -B -q package -DskipTests` at the repository root (the examples reactor builds it first).");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            try (InputStream json = file.getInputStream(file.getEntry("META-INF/live/redcloud/camel/redcloud.json"))) {
                properties = new ObjectMapper().readTree(json).path("properties");
            }
            componentClasses = new HashSet<>();
            file.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class"))
                    .forEach(name -> componentClasses.add(name.replace('/', '.').replaceAll("\\.class$", "")));
        }
        assertThat(properties.size()).isPositive();
    }

    @Test
    void redcloudUrisUseRealOperationsAndOptions() {
        List<String> uris = new ArrayList<>();
        for (String tag : List.of("from", "to")) {
            NodeList nodes = blueprint.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                String uri = ((Element) nodes.item(i)).getAttribute("uri");
                if (uri.startsWith("redcloud:")) {
                    uris.add(uri);
                }
            }
        }
        assertThat(uris).hasSizeGreaterThanOrEqualTo(2);
        Set<String> operations = new HashSet<>();
        properties.path("operation").path("enum").forEach(value -> operations.add(value.asText()));
        assertThat(operations).contains("whoami", "send");
        for (String uri : uris) {
            String rest = uri.substring("redcloud:".length());
            String operation = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
            assertThat(operations).as(uri).contains(operation);
            if (rest.contains("?")) {
                for (String option : rest.substring(rest.indexOf('?') + 1).split("&")) {
                    String name = option.substring(0, option.indexOf('='));
                    assertThat(properties.has(name))
                            .as("option %s of %s", name, uri)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void beansAreComponentClassesWithRealOptions() {
        NodeList beans = blueprint.getElementsByTagNameNS("http://www.osgi.org/xmlns/blueprint/v1.0.0", "bean");
        assertThat(beans.getLength()).isEqualTo(2);
        for (int i = 0; i < beans.getLength(); i++) {
            Element bean = (Element) beans.item(i);
            assertThat(componentClasses).contains(bean.getAttribute("class"));
            NodeList props = bean.getElementsByTagNameNS("*", "property");
            for (int j = 0; j < props.getLength(); j++) {
                String name = ((Element) props.item(j)).getAttribute("name");
                assertThat(name.equals("configuration") || properties.has(name))
                        .as("bean property %s of %s", name, bean.getAttribute("class"))
                        .isTrue();
            }
        }
        Element component = (Element) beans.item(1);
        assertThat(component.getAttribute("id"))
                .as("the bean Camel uses for redcloud: URIs")
                .isEqualTo("redcloud");
    }
}
