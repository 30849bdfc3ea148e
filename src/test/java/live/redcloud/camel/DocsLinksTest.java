package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.redcloud.camel.support.ProjectDocs;
import org.junit.jupiter.api.Test;

/**
 * The docs are read in a clone of this repository, by people and tools that have nothing else: every link must lead
 * to a file of the repository (or an anchor), and nothing may point at files outside it (../ beyond the root, a
 * sibling shared/ folder, a web page).
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    private static final Pattern FENCED_CODE = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern ASCIIDOC_LISTING = Pattern.compile("(?m)^----\\n.*?^----$", Pattern.DOTALL);
    private static final Pattern ASCIIDOC_COMMENT = Pattern.compile("(?m)^////\\n.*?^////$|^//.*$", Pattern.DOTALL);
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]*)[^)]*\\)");
    private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
    private static final Pattern ASCIIDOC_LINK = Pattern.compile("(?:link|xref|include|image)::?([^\\[\\s]+)\\[");
    private static final Pattern BARE_URL = Pattern.compile("(?<![\\w/(])(?:https?|ftp)://[^\\s)>\\]]+");
    /** Example addresses (RFC 2606 names, the local machine) stand for the reader's own hosts: not links. */
    private static final Pattern PLACEHOLDER_HOST =
            Pattern.compile("^[a-z]+://(?:[^/]*\\.)?(?:example\\.(?:com|org|net)|localhost|127\\.0\\.0\\.1)(?:[:/]|$)");

    @Test
    void everyLinkInTheDocsLeadsToAFileOfTheRepository() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> docs = ProjectDocs.all();
        assertThat(docs)
                .contains(
                        Path.of("README.md"),
                        Path.of("docs/redcloud-api.md"),
                        Path.of("src/main/docs/redcloud-component.adoc"),
                        Path.of("examples/redcloud-sandbox/README.md"));
        int links = 0;
        for (Path doc : docs) {
            String text = prose(doc);
            for (Pattern pattern : new Pattern[] {MARKDOWN_LINK, HTML_LINK, ASCIIDOC_LINK}) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    links++;
                    String problem = problem(doc, m.group(1));
                    if (problem != null) {
                        problems.add(doc + ": " + m.group(1) + " " + problem);
                    }
                }
            }
            Matcher url = BARE_URL.matcher(text);
            while (url.find()) {
                if (!PLACEHOLDER_HOST.matcher(url.group()).find()) {
                    problems.add(doc + ": " + url.group() + " is a web address (outside the repository)");
                }
            }
            if (Files.readString(doc, StandardCharsets.UTF_8).contains("shared/")) {
                problems.add(doc + ": mentions shared/, a folder that is not part of the repository");
            }
        }
        assertThat(links).as("links checked").isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    /** The text a reader follows links in: code, listings and comments are not links. */
    private static String prose(Path doc) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        if (doc.toString().endsWith(".adoc")) {
            text = ASCIIDOC_COMMENT.matcher(text).replaceAll("");
            text = ASCIIDOC_LISTING.matcher(text).replaceAll("");
        }
        text = FENCED_CODE.matcher(text).replaceAll("");
        return INLINE_CODE.matcher(text).replaceAll("");
    }

    private static String problem(Path doc, String target) {
        if (target.isEmpty() || target.startsWith("#")) {
            return null;
        }
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return "is not a file of the repository";
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        Path resolved = ROOT.resolve(doc).getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leads outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "does not exist";
        }
        return null;
    }
}
