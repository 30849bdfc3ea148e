package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import live.redcloud.camel.auth.ClientAuthentication;
import live.redcloud.camel.model.RedCloudException;
import org.junit.jupiter.api.Test;

/**
 * The public API, as users compile and configure against it, must not change shape unnoticed. Until there is a release
 * to run japicmp against (the {@code api-check} profile), this test is the check: it describes the API (the URI's
 * operations, every option and header of the component JSON, and the Java shape of the model and exception classes,
 * the constants, the option enums, the component, endpoint and configuration classes) and compares it with the
 * committed baseline {@code src/test/resources/public-api.txt}.
 *
 * <p>A change fails the build until it is recorded: name each changed class, option or header in a {@code ### API
 * changes} section of the changelog's {@code [Unreleased]} part, then run {@code mvn test -Dtest=PublicApiTest
 * -Dredcloud.api.update=true}, which refuses to write the new baseline while a name is missing there.
 */
class PublicApiTest {

    static final Path BASELINE = Path.of("src/test/resources/public-api.txt");
    static final Path CHANGELOG = Path.of("CHANGELOG.md");
    static final String MODEL_PACKAGE = RedCloudException.class.getPackageName();
    static final List<Class<?>> ROOT_API = List.of(
            RedCloudComponent.class,
            RedCloudEndpoint.class,
            RedCloudConfiguration.class,
            RedCloudConstants.class,
            RedCloudOperation.class,
            StartupCheckMode.class,
            ClientAuthentication.class);

    private static final String HEADER = "# The public API of camel-redcloud, as PublicApiTest reads it. Do not edit by"
            + " hand: record a change in CHANGELOG.md (### API changes) and run\n"
            + "# mvn test -Dtest=PublicApiTest -Dredcloud.api.update=true\n";

    @Test
    void publicApiMatchesTheBaselineOrTheChangelogSaysWhatChanged() throws Exception {
        Set<String> current = describe();
        Set<String> baseline = Files.exists(BASELINE) ? read(BASELINE) : Set.of();
        Set<String> removed = minus(baseline, current);
        Set<String> added = minus(current, baseline);
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        Set<String> subjects = new TreeSet<>();
        Stream.concat(removed.stream(), added.stream())
                .map(PublicApiTest::subject)
                .forEach(subjects::add);
        String diff = Stream.concat(
                        removed.stream().map(l -> "- " + l), added.stream().map(l -> "+ " + l))
                .collect(Collectors.joining("\n"));
        if (Boolean.getBoolean("redcloud.api.update")) {
            Set<String> unrecorded =
                    Files.exists(BASELINE) ? unrecorded(subjects, apiChanges(Files.readString(CHANGELOG))) : Set.of();
            assertThat(unrecorded)
                    .as("the public API changed:\n" + diff + "\nname these in CHANGELOG.md, [Unreleased], ### API"
                            + " changes, before updating the baseline")
                    .isEmpty();
            Files.writeString(BASELINE, HEADER + String.join("\n", current) + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(diff)
                .as("the public API changed (" + String.join(", ", subjects) + "): say so in CHANGELOG.md under"
                        + " [Unreleased], ### API changes, naming each of them, then run mvn test -Dtest=PublicApiTest"
                        + " -Dredcloud.api.update=true and commit " + BASELINE)
                .isEmpty();
    }

    @Test
    void theChangelogRuleFindsNamesOnlyInTheApiChangesOfUnreleased() {
        String changelog = "# Changelog\n\n## [Unreleased]\n\n### Component\n- `SendResult` got faster\n\n"
                + "### API changes\n- `SendError.getCode()` now returns the Red Cloud code; option `requestTimeout`"
                + " defaults to 30 s\n\n## [0.1.0]\n\n### API changes\n- `WhoAmI` added\n";
        String apiChanges = apiChanges(changelog);

        assertThat(unrecorded(Set.of("SendError", "requestTimeout"), apiChanges))
                .isEmpty();
        assertThat(unrecorded(Set.of("SendResult", "WhoAmI", "SendErrors"), apiChanges))
                .containsExactly("SendErrors", "SendResult", "WhoAmI");
        assertThat(apiChanges("# Changelog\n\n## [Unreleased]\n\n### Component\n- x\n"))
                .isEmpty();
    }

    @Test
    void theDescriptionCoversClassesConstantsOptionsHeadersAndTheUri() throws Exception {
        Set<String> api = describe();

        assertThat(api)
                .contains("RedCloudApiException: public java.lang.String getRequestId()")
                .contains("RedCloudConstants: public static final java.lang.String TO = \"CamelRedCloudTo\"")
                .anyMatch(l -> l.startsWith("option endpoint sendFrom: java.lang.String"))
                .anyMatch(l -> l.startsWith("header CamelRedCloudIdempotencyKey: "))
                .anyMatch(l -> l.startsWith("uri redcloud:operation "));
        // each model and exception class is described, new ones included
        assertThat(api.stream().filter(l -> l.startsWith("class ")).count()).isGreaterThanOrEqualTo(19);
        assertThat(subject("SendError: public java.lang.String getCode()")).isEqualTo("SendError");
        assertThat(subject("option endpoint sendFrom: java.lang.String")).isEqualTo("sendFrom");
        assertThat(subject("header CamelRedCloudTo: java.lang.Object")).isEqualTo("CamelRedCloudTo");
    }

    /** Every line of the API, sorted: one per type, member, option, header and the URI. */
    static Set<String> describe() throws Exception {
        Set<String> lines = new TreeSet<>();
        List<Class<?>> types = new ArrayList<>(ROOT_API);
        types.addAll(publicTypesOf(MODEL_PACKAGE));
        for (Class<?> type : types) {
            describe(type, lines);
        }
        JsonNode json;
        try (InputStream in = PublicApiTest.class.getResourceAsStream("/META-INF/live/redcloud/camel/redcloud.json")) {
            json = new ObjectMapper().readTree(in);
        }
        lines.add("uri " + json.path("component").path("syntax").asText() + " operations="
                + json.path("properties").path("operation").path("enum"));
        options("component", json.get("componentProperties"), lines);
        options("endpoint", json.get("properties"), lines);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            lines.add("header " + h.getKey() + ": "
                    + h.getValue().path("javaType").asText());
        }
        return lines;
    }

    private static void options(String kind, JsonNode options, Set<String> lines) {
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            JsonNode v = o.getValue();
            lines.add("option " + kind + " " + o.getKey() + ": "
                    + v.path("javaType").asText()
                    + (v.has("defaultValue")
                            ? " default=" + v.get("defaultValue").asText()
                            : "")
                    + (v.path("required").asBoolean() ? " required" : "")
                    + (v.path("secret").asBoolean() ? " secret" : "")
                    + (v.has("enum") ? " enum=" + v.get("enum") : ""));
        }
    }

    private static void describe(Class<?> type, Set<String> lines) {
        String name = type.getSimpleName();
        StringBuilder head = new StringBuilder("class ").append(type.getName()).append(": ");
        head.append(Modifier.toString(type.getModifiers() & ~Modifier.STATIC));
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()) {
            head.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            head.append(" implements ").append(typeNames(type.getGenericInterfaces()));
        }
        lines.add(head.toString());
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                lines.add(name + ": " + modifiers(f.getModifiers())
                        + f.getGenericType().getTypeName() + " " + f.getName() + constantValue(f));
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                lines.add(name + ": " + modifiers(c.getModifiers()) + name + signature(c));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                lines.add(name + ": " + modifiers(m.getModifiers())
                        + m.getGenericReturnType().getTypeName() + " " + m.getName() + signature(m));
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String modifiers(int modifiers) {
        String text = Modifier.toString(modifiers & ~(Modifier.TRANSIENT | Modifier.VOLATILE | Modifier.SYNCHRONIZED));
        return text.isEmpty() ? "" : text + " ";
    }

    private static String signature(Executable e) {
        String params = "(" + typeNames(e.getGenericParameterTypes()) + ")";
        Type[] thrown = e.getGenericExceptionTypes();
        return thrown.length == 0 ? params : params + " throws " + typeNames(thrown);
    }

    private static String typeNames(Type[] types) {
        return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
    }

    /** A constant's value is API too: a header name is what a route writes. */
    private static String constantValue(Field f) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || f.isEnumConstant()) {
            return "";
        }
        try {
            Object value = f.get(null);
            return value instanceof String ? " = \"" + value + "\"" : value instanceof Number ? " = " + value : "";
        } catch (IllegalAccessException e) {
            return "";
        }
    }

    /** The public top-level and nested types of a package, read from the classes directory or the jar it is in. */
    static List<Class<?>> publicTypesOf(String packageName) throws IOException, URISyntaxException {
        Path location = Path.of(RedCloudException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String folder = packageName.replace('.', '/');
        List<String> classNames = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(folder))) {
                files.map(p -> p.getFileName().toString()).forEach(classNames::add);
            }
        } else {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(location.toFile())) {
                jar.stream()
                        .map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith(folder + "/") && n.indexOf('/', folder.length() + 1) < 0)
                        .map(n -> n.substring(folder.length() + 1))
                        .forEach(classNames::add);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String file : classNames) {
            if (!file.endsWith(".class")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(packageName + "." + file.substring(0, file.length() - ".class".length()));
                if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
                    types.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(file, e);
            }
        }
        return types;
    }

    /** What a line is about, in the words a changelog uses: the class's simple name, the option or header name. */
    static String subject(String line) {
        if (line.startsWith("class ")) {
            String type = line.substring("class ".length(), line.indexOf(':'));
            return type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
        }
        if (line.startsWith("option ")) {
            String[] words = line.split(" ");
            return words[2].substring(0, words[2].length() - 1);
        }
        if (line.startsWith("header ")) {
            return line.substring("header ".length(), line.indexOf(':'));
        }
        if (line.startsWith("uri ")) {
            return "operation";
        }
        return line.substring(0, line.indexOf(':'));
    }

    /** The text of the {@code ### API changes} section of {@code ## [Unreleased]}; empty when there is none. */
    static String apiChanges(String changelog) {
        Matcher unreleased = Pattern.compile("(?ms)^## \\[Unreleased\\][^\\n]*\\n(.*?)(?=^## |\\z)")
                .matcher(changelog);
        if (!unreleased.find()) {
            return "";
        }
        Matcher section = Pattern.compile("(?ms)^### API changes[^\\n]*\\n(.*?)(?=^### |\\z)")
                .matcher(unreleased.group(1));
        return section.find() ? section.group(1) : "";
    }

    static Set<String> unrecorded(Set<String> subjects, String apiChanges) {
        Set<String> missing = new TreeSet<>();
        for (String subject : subjects) {
            if (!Pattern.compile("(?<![\\w$])" + Pattern.quote(subject) + "(?![\\w$])")
                    .matcher(apiChanges)
                    .find()) {
                missing.add(subject);
            }
        }
        return missing;
    }

    private static Set<String> read(Path path) throws IOException {
        return Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
