package live.redcloud.camel.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's documentation, as tests that check it see it (paths relative to the repository root). */
public final class ProjectDocs {

    private ProjectDocs() {}

    /** README.md, CONTRIBUTING.md, docs/, src/main/docs/ and every example's README.md. */
    public static List<Path> all() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(Path.of("README.md"));
        docs.add(Path.of("CONTRIBUTING.md"));
        for (String folder : new String[] {"docs", "src/main/docs"}) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                files.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".adoc"))
                        .sorted()
                        .forEach(docs::add);
            }
        }
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            examples.map(e -> e.resolve("README.md"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(docs::add);
        }
        return docs;
    }
}
