package live.redcloud.examples.karaf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads a Karaf features repository, and turns its mvn: bundle locations into file: URLs of a local repository. */
final class FeaturesFile {

    private final Document document;

    private FeaturesFile(Document document) {
        this.document = document;
    }

    static FeaturesFile read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new FeaturesFile(factory.newDocumentBuilder().parse(file.toFile()));
    }

    List<String> repositories() {
        return texts(document.getDocumentElement(), "repository");
    }

    /** The bundle locations of the feature; {@code version} null means the only one with that name. */
    List<String> bundles(String name, String version) {
        return texts(feature(name, version), "bundle");
    }

    /** The names of the features that the feature depends on. */
    List<String> dependencies(String name, String version) {
        return texts(feature(name, version), "feature");
    }

    /** The version (range) with which the feature refers to the feature {@code dependency}. */
    String dependencyVersion(String name, String version, String dependency) {
        NodeList children = feature(name, version).getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element
                    && "feature".equals(element.getLocalName())
                    && dependency.equals(element.getTextContent().trim())) {
                return element.getAttribute("version");
            }
        }
        throw new IllegalStateException("feature " + name + " does not depend on " + dependency);
    }

    /** The versions of all features with that name. */
    List<String> versions(String name) {
        List<String> versions = new ArrayList<>();
        NodeList features = document.getDocumentElement().getChildNodes();
        for (int i = 0; i < features.getLength(); i++) {
            if (features.item(i) instanceof Element element
                    && "feature".equals(element.getLocalName())
                    && name.equals(element.getAttribute("name"))) {
                versions.add(element.getAttribute("version"));
            }
        }
        return versions;
    }

    Element feature(String name, String version) {
        NodeList features = document.getDocumentElement().getChildNodes();
        Element found = null;
        for (int i = 0; i < features.getLength(); i++) {
            Node node = features.item(i);
            if (node instanceof Element element
                    && "feature".equals(element.getLocalName())
                    && name.equals(element.getAttribute("name"))
                    && (version == null || version.equals(element.getAttribute("version")))) {
                if (found != null) {
                    throw new IllegalStateException("more than one feature " + name + " " + version);
                }
                found = element;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no feature " + name + (version == null ? "" : "/" + version));
        }
        return found;
    }

    private static List<String> texts(Element parent, String child) {
        List<String> texts = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && child.equals(element.getLocalName())) {
                texts.add(element.getTextContent().trim());
            }
        }
        return texts;
    }

    /**
     * {@code [wrap:]mvn:g/a/v[/type[/classifier]][$instructions]} to the same location with a {@code file:} URL
     * of that artifact in the local repository; fails if the artifact is not there.
     */
    static String toLocalFile(String location, Path localRepository) {
        String prefix = "";
        String rest = location;
        if (rest.startsWith("wrap:")) {
            prefix = "wrap:";
            rest = rest.substring("wrap:".length());
        }
        String instructions = "";
        int dollar = rest.indexOf('$');
        if (dollar >= 0) {
            instructions = rest.substring(dollar);
            rest = rest.substring(0, dollar);
        }
        if (!rest.startsWith("mvn:")) {
            return location;
        }
        String[] gav = rest.substring("mvn:".length()).split("/");
        String group = gav[0];
        String artifact = gav[1];
        String version = gav[2];
        String type = gav.length > 3 && !gav[3].isEmpty() ? gav[3] : "jar";
        String classifier = gav.length > 4 ? "-" + gav[4] : "";
        Path file = localRepository
                .resolve(group.replace('.', '/'))
                .resolve(artifact)
                .resolve(version)
                .resolve(artifact + "-" + version + classifier + "." + type);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(location + " is not in the local Maven repository (" + file
                    + "); the module's dependency plugin execution cache-karaf-artifacts should have put it there");
        }
        return prefix + file.toUri() + instructions;
    }
}
