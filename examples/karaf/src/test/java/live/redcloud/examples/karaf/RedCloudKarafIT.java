package live.redcloud.examples.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Boots the real Apache Karaf 4.4 (unpacked by Maven into target/) headless on free ports and checks, through
 * bin/client, what can be checked here: our features repository loads (with Camel's, which it refers to) and lists
 * camel-redcloud, and the camel-redcloud bundle resolves against the bundles that the feature installs besides
 * Camel (Jackson from Camel's "jackson" feature, the wrapped HttpClient 5 bundles from ours) plus Karaf's SLF4J:
 * the only requirements left open are Camel's own packages and optional Spring ones.
 *
 * <p>Camel's features cannot be installed: the Camel Karaf bundles they point to cannot be downloaded here (see
 * README.md), so the feature's own bundle set is checked only up to resolution. The last step then runs a real
 * {@code redcloud:} route in the same Karaf on Camel 4.22.0's plain jars, wrapped into bundles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedCloudKarafIT {

    private static final Pattern BUNDLE_ID = Pattern.compile("Bundle ID: (\\d+)");
    private static final Pattern UNSATISFIED_PACKAGE = Pattern.compile("osgi\\.wiring\\.package=([^)\\s]+)\\)");

    private KarafContainer karaf;
    private Path componentJar;
    private Path featuresXml;
    private Path localRepository;
    private String camelKarafVersion;
    private long startMillis;
    private String skipReason;

    @BeforeAll
    void startKaraf() throws Exception {
        startMillis = System.currentTimeMillis();
        String version = required("karaf.version");
        Path distribution = Path.of(required("karaf.dist.dir")).resolve("apache-karaf-" + version);
        if (!Files.isRegularFile(distribution.resolve("bin/karaf"))) {
            // reported per test by the assumption in @BeforeEach, so that the report shows them as skipped
            skipReason = "Karaf " + version + " is not unpacked at " + distribution
                    + " (-Dkaraf.unpack.skip=true, or the apache-karaf tar.gz was not available): Karaf test skipped";
            log(skipReason);
            return;
        }

        componentJar =
                Path.of(required("redcloud.component.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(componentJar)) {
            fail("The camel-redcloud bundle is missing at " + componentJar + ". Build the component first: "
                    + "`mvn -B -q package -DskipTests` at the repository root (the examples reactor builds it first).");
        }
        featuresXml =
                Path.of(required("redcloud.features.xml")).toAbsolutePath().normalize();
        assertThat(featuresXml)
                .as("the features repository src/main/features/features.xml")
                .isRegularFile();
        localRepository = Path.of(required("maven.local.repository"));
        camelKarafVersion = required("camel-karaf.version");

        karaf = KarafContainer.prepare(
                distribution, Path.of(required("karaf.work.dir")), version, localRepository.toString());
        log("Karaf prepared at " + karaf.home() + " on " + karaf.ports());
        karaf.start();
        karaf.awaitConsole(Duration.ofSeconds(120));
        log("Karaf console answered");
    }

    @BeforeEach
    void karafIsThere() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    void stopKaraf() {
        if (karaf != null) {
            karaf.close();
            log("Karaf stopped");
        }
    }

    @Test
    @Order(1)
    void featuresRepositoryListsCamelRedcloud() throws Exception {
        // our repository, with our bundle at the jar the build just made (the component is built in the reactor,
        // not installed in the local repository)
        String features = Files.readString(featuresXml, StandardCharsets.UTF_8);
        String ourBundle = "mvn:live.redcloud/camel-redcloud/0.1.0-SNAPSHOT";
        assertThat(features).contains("<bundle>" + ourBundle + "</bundle>");
        Path copy = karaf.home().resolveSibling("camel-redcloud-features.xml");
        Files.writeString(copy, features.replace(ourBundle, componentJar.toUri().toString()), StandardCharsets.UTF_8);

        List<String> out = karaf.executeEach(
                Duration.ofSeconds(120),
                List.of(
                        "feature:repo-add " + copy.toUri(),
                        "feature:repo-list",
                        "feature:list",
                        "feature:info camel-redcloud-producer"));
        String added = out.get(0);
        String repos = out.get(1);
        String list = out.get(2);
        String info = out.get(3);
        assertThat(added).contains("Adding feature url").doesNotContainIgnoringCase("error");
        assertThat(repos)
                .as("our repository and Camel's, which it refers to")
                .contains("camel-redcloud-0.1.0-SNAPSHOT")
                .contains("camel-" + camelKarafVersion);

        List<String> ours =
                list.lines().filter(line -> line.startsWith("camel-redcloud")).toList();
        assertThat(ours).as(list).hasSize(2);
        assertThat(ours)
                .anySatisfy(line -> assertThat(line.split("\\|")).satisfies(cells -> {
                    assertThat(cells[0].trim()).isEqualTo("camel-redcloud");
                    assertThat(cells[1].trim()).isEqualTo("0.1.0.SNAPSHOT");
                    assertThat(cells[4].trim()).isEqualTo("camel-redcloud-0.1.0-SNAPSHOT");
                }));
        assertThat(ours).anySatisfy(line -> assertThat(line).startsWith("camel-redcloud-producer "));

        assertThat(info)
                .contains("camel-core [4.14,4.15)")
                .contains("camel-jackson [4.14,4.15)")
                .contains(componentJar.toUri().toString());
        // the Camel features ours depends on exist in Camel's repository, at a version inside our ranges
        // (no pipes: "| grep" prints nothing through bin/client in batch mode)
        for (String camelFeature : List.of("camel-core", "camel-jackson", "camel-platform-http-vertx")) {
            assertThat(list.lines()
                            .filter(line -> line.startsWith(camelFeature + " "))
                            .map(line -> line.split("\\|")[1].trim()))
                    .as("feature %s in%n%s", camelFeature, list)
                    .containsExactly(camelKarafVersion);
        }
    }

    @Test
    @Order(2)
    void bundleResolvesExceptForCamelItself() throws Exception {
        // what the feature installs besides Camel's own bundles, from the local Maven repository (file: URLs)
        FeaturesFile ours = FeaturesFile.read(featuresXml);
        List<String> locations = new ArrayList<>();
        for (String bundle : ours.bundles("camel-redcloud-producer", "0.1.0-SNAPSHOT")) {
            if (!bundle.startsWith("mvn:live.redcloud/")) {
                locations.add(FeaturesFile.toLocalFile(bundle, localRepository));
            }
        }
        // Jackson: what Camel's camel-jackson feature installs (its "jackson" feature)
        FeaturesFile camel = FeaturesFile.read(localRepository.resolve("org/apache/camel/karaf/apache-camel/"
                + camelKarafVersion + "/apache-camel-" + camelKarafVersion + "-features.xml"));
        String jacksonRange = camel.dependencyVersion("camel-jackson", camelKarafVersion, "jackson");
        String jacksonVersion = jacksonFeatureVersion(camel, jacksonRange);
        for (String bundle : camel.bundles("jackson", jacksonVersion)) {
            locations.add(FeaturesFile.toLocalFile(bundle, localRepository));
        }
        log("dependency bundles: " + locations);

        List<String> installs = locations.stream()
                .map(location -> "bundle:install '" + location + "'")
                .toList();
        List<String> installed = karaf.executeEach(Duration.ofSeconds(120), installs);
        Map<String, String> dependencyIds = new LinkedHashMap<>();
        for (int i = 0; i < locations.size(); i++) {
            dependencyIds.put(installedId(installed.get(i), locations.get(i)), locations.get(i));
        }
        List<String> out = karaf.executeEach(
                Duration.ofSeconds(120),
                List.of(
                        "bundle:resolve " + String.join(" ", dependencyIds.keySet()),
                        "bundle:list -t 0 -s",
                        "package:exports",
                        "bundle:install " + componentJar.toUri()));
        String resolve = out.get(0);
        String states = out.get(1);
        String exports = out.get(2);
        assertThat(resolve).doesNotContainIgnoringCase("error");
        for (Map.Entry<String, String> dependency : dependencyIds.entrySet()) {
            assertThat(state(states, dependency.getKey()))
                    .as("state of %s (%s)%n%s", dependency.getKey(), dependency.getValue(), states)
                    .isEqualTo("Resolved");
        }
        // the wrapped HttpClient 5 bundles export their packages with their real versions (wrap's default is 0.0.0)
        assertThat(exports)
                .containsPattern("org\\.apache\\.hc\\.core5\\.http\\.nio\\s+\\|\\s+5\\.4\\.3")
                .containsPattern("org\\.apache\\.hc\\.client5\\.http\\.impl\\.async\\s+\\|\\s+5\\.6\\.3");

        String id = installedId(out.get(3), componentJar.toString());
        List<String> inspect =
                karaf.executeEach(Duration.ofSeconds(60), List.of("bundle:headers " + id, "bundle:diag " + id));
        String headers = inspect.get(0);
        String diag = inspect.get(1);
        assertThat(headers).contains("Bundle-SymbolicName = live.redcloud.camel-redcloud");
        log("bundle:diag " + id + ":\n" + diag);
        assertThat(diag).contains("Status: Installed").contains("Unsatisfied Requirements:");

        Set<String> unsatisfied = new LinkedHashSet<>();
        Matcher matcher = UNSATISFIED_PACKAGE.matcher(diag);
        while (matcher.find()) {
            unsatisfied.add(matcher.group(1));
        }
        Map<String, Boolean> imports = imports(componentJar);
        Set<String> exported = exportedPackages(componentJar);

        assertThat(unsatisfied).as("unsatisfied imports, from:%n%s", diag).contains("org.apache.camel");
        Set<String> unexpected = unsatisfied.stream()
                .filter(pkg -> !pkg.equals("org.apache.camel") && !pkg.startsWith("org.apache.camel."))
                // the bundle imports what it exports (substitutable); open only while the bundle is unresolved
                .filter(pkg -> !exported.contains(pkg))
                // Spring Boot auto-configuration and the Vert.x server check: must be optional imports
                .filter(pkg -> !((pkg.startsWith("org.springframework.")
                                || pkg.startsWith("io.vertx.")
                                || pkg.startsWith("org.apache.camel.component.platform.http.vertx"))
                        && Boolean.TRUE.equals(imports.get(pkg))))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(unexpected)
                .as("requirements other than Camel's packages, the bundle's own and optional Spring and Vert.x ones")
                .isEmpty();
        // and explicitly: the bundle imports Jackson, HttpClient 5 and SLF4J, and all of them have providers
        assertThat(imports.keySet())
                .anyMatch(pkg -> pkg.startsWith("com.fasterxml.jackson."))
                .anyMatch(pkg -> pkg.startsWith("org.apache.hc.client5."))
                .anyMatch(pkg -> pkg.startsWith("org.apache.hc.core5."))
                .contains("org.slf4j");
        assertThat(unsatisfied)
                .noneMatch(pkg -> pkg.startsWith("com.fasterxml.jackson")
                        || pkg.startsWith("org.apache.hc.")
                        || pkg.startsWith("org.slf4j"));
        assertThat(imports.entrySet().stream().filter(e -> e.getKey().startsWith("org.springframework")))
                .as("Spring imports are optional")
                .allMatch(Map.Entry::getValue);
        assertThat(imports.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("io.vertx.")
                                || e.getKey().startsWith("org.apache.camel.component.platform.http.vertx")))
                .as("Vert.x imports are optional")
                .allMatch(Map.Entry::getValue);
        log("unsatisfied requirements of camel-redcloud: " + unsatisfied);
    }

    /**
     * Camel 4 inside Karaf without Camel's Karaf bundles: Camel 4.22.0's plain jars, each wrapped by wrap: with its
     * packages exported at the Camel version, plus a small harness bundle (built here from the test's own classes)
     * that starts a CamelContext with {@code timer -> redcloud:whoami -> log} against a stub Red Cloud.
     */
    @Test
    @Order(3)
    void redcloudRouteRunsOnPlainCamelInKaraf() throws Exception {
        String camelVersion = required("camel.version");
        Path plainDir = Path.of(required("camel.plain.dir"));
        List<Path> jars;
        try (Stream<Path> files = Files.list(plainDir)) {
            jars = files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
        assertThat(jars).as("plain Camel jars in %s", plainDir).isNotEmpty();
        try (StubRedCloud redCloud = new StubRedCloud()) {
            List<String> installs = new ArrayList<>();
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                if (header(jar, "Bundle-SymbolicName").isEmpty()) {
                    // a plain jar: wrap it, exporting its packages at its real version (the component imports
                    // org.apache.camel* in [4.14,5); wrap's default export version 0.0.0 would never match)
                    String symbolicName = "wrap_" + name.substring(0, name.length() - ".jar".length());
                    installs.add("bundle:install '" + "wrap:" + jar.toUri() + "$Bundle-SymbolicName=" + symbolicName
                            + "&Bundle-Version=" + camelVersion + "&Export-Package=*;version=" + camelVersion + "'");
                } else {
                    installs.add("bundle:install " + jar.toUri());
                }
            }
            Path harness = buildHarnessBundle(redCloud.baseUrl());
            installs.add("bundle:install " + harness.toUri());
            String installed = karaf.execute(Duration.ofSeconds(240), installs.toArray(String[]::new));
            Matcher ids = BUNDLE_ID.matcher(installed);
            List<String> bundleIds = new ArrayList<>();
            while (ids.find()) {
                bundleIds.add(ids.group(1));
            }
            assertThat(bundleIds).as(installed).hasSize(installs.size());
            String harnessId = bundleIds.get(bundleIds.size() - 1);
            log("installed " + jars.size() + " plain Camel / jakarta bundles and the harness (" + harnessId + ")");

            List<String> out =
                    karaf.executeEach(Duration.ofSeconds(120), List.of("bundle:resolve", "bundle:list -t 0 -s"));
            String resolve = out.get(0);
            String states = out.get(1);
            for (String id : bundleIds.subList(0, bundleIds.size() - 1)) {
                assertThat(state(states, id))
                        .as("state of bundle %s%n%s", id, states)
                        .isEqualTo("Resolved");
            }
            String componentId = states.lines()
                    .map(line -> line.split("\\|"))
                    .filter(cells -> cells.length >= 5 && cells[4].trim().equals("live.redcloud.camel-redcloud"))
                    .map(cells -> cells[0].trim())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(states));
            assertThat(state(states, componentId))
                    .as("camel-redcloud resolves once Camel's packages are there (%s)%n%s", resolve, states)
                    .isEqualTo("Resolved");

            String started = karaf.execute("bundle:start " + componentId, "bundle:start " + harnessId);
            log("bundle:start: " + started.strip());
            try {
                await("the redcloud: route calling the stub Red Cloud from Karaf")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> redCloud.calls.contains("whoami ok")
                                && Files.readString(karaf.karafLog()).contains("Red Cloud whoami in Karaf:"));
            } catch (ConditionTimeoutException e) {
                fail(
                        "the route did not run: stub saw " + redCloud.calls + "; bundle:start said: " + started
                                + "\nbundle:diag " + harnessId + ":\n" + karaf.execute("bundle:diag " + harnessId)
                                + "\nkaraf.log (end):\n" + tail(karaf.karafLog(), 80),
                        e);
            }
            // one token, shared: the bring-up check at route start asks whoami and numbers, the route asks whoami
            await().atMost(Duration.ofSeconds(10)).until(() -> redCloud.calls.size() >= 4);
            assertThat(redCloud.calls.get(0)).isEqualTo("token ok");
            assertThat(redCloud.calls).containsExactlyInAnyOrder("token ok", "whoami ok", "whoami ok", "numbers ok");
            String line = Files.readString(karaf.karafLog())
                    .lines()
                    .filter(l -> l.contains("Red Cloud whoami in Karaf:"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line).contains("apiClientName=" + StubRedCloud.CLIENT_NAME);
            log("route output in karaf.log: " + line);
        }
    }

    private Path buildHarnessBundle(String baseUrl) throws Exception {
        Path classes = Path.of(RedCloudKarafIT.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String packagePath = "live/redcloud/examples/karaf/harness/";
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "live.redcloud.examples.karaf.it-harness");
        main.putValue("Bundle-Version", "0.1.0");
        main.putValue("Bundle-Activator", "live.redcloud.examples.karaf.harness.RedCloudRouteActivator");
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"");
        main.putValue("DynamicImport-Package", "*");
        main.putValue("RedCloud-Base-Url", baseUrl);
        main.putValue("RedCloud-Client-Id", StubRedCloud.CLIENT_ID);
        main.putValue("RedCloud-Client-Secret", StubRedCloud.CLIENT_SECRET);
        Path jar = karaf.home().resolveSibling("redcloud-karaf-it-harness.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(packagePath + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String tail(Path file, int lines) throws Exception {
        if (!Files.exists(file)) {
            return "<no " + file + ">";
        }
        List<String> all = Files.readAllLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Test
    @Order(99)
    void reportTime() {
        log("Karaf test so far took " + (System.currentTimeMillis() - startMillis) / 1000.0 + " s");
    }

    private static String jacksonFeatureVersion(FeaturesFile camel, String range) {
        // "[2.19,2.20)": the "jackson" feature of Camel's repository inside it (Camel's ranges span one minor)
        String low = range.substring(1, range.indexOf(','));
        return camel.versions("jackson").stream()
                .filter(candidate -> candidate.startsWith(low + "."))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("no jackson feature in " + range + ": " + camel.versions("jackson")));
    }

    private static String installedId(String output, String location) {
        Matcher matcher = BUNDLE_ID.matcher(output);
        if (!matcher.find()) {
            fail("bundle:install " + location + " failed:\n" + output);
        }
        return matcher.group(1);
    }

    private static String state(String bundleList, String id) {
        return bundleList
                .lines()
                .map(line -> line.split("\\|"))
                .filter(cells -> cells.length >= 2 && cells[0].trim().equals(id))
                .map(cells -> cells[1].trim())
                .findFirst()
                .orElse("<not listed>");
    }

    /** Import-Package of the jar: package name to "is optional". */
    static Map<String, Boolean> imports(Path jar) throws Exception {
        Map<String, Boolean> imports = new LinkedHashMap<>();
        for (String clause : clauses(header(jar, "Import-Package"))) {
            String[] parts = clause.split(";");
            imports.put(parts[0].trim(), clause.replace(" ", "").contains("resolution:=optional"));
        }
        return imports;
    }

    static Set<String> exportedPackages(Path jar) throws Exception {
        Set<String> exported = new LinkedHashSet<>();
        for (String clause : clauses(header(jar, "Export-Package"))) {
            exported.add(clause.split(";")[0].trim());
        }
        return exported;
    }

    private static String header(Path jar, String name) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            String value = file.getManifest().getMainAttributes().getValue(name);
            return value == null ? "" : value;
        }
    }

    /** Splits an OSGi header at the commas that are outside quotes. */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            clauses.add(current.toString());
        }
        return clauses;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            fail("system property " + property + " is not set (run the test through Maven: mvn verify)");
        }
        return value;
    }

    private static void log(String message) {
        System.out.println("[karaf-it] " + message);
    }
}
