package live.redcloud.examples.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing.md shows OrderNotificationsTest whole, imports included: a copy that works as it stands. */
class DocsShowTheTestTest {

    private static final Path TEST = Path.of("src/test/java/live/redcloud/examples/it/OrderNotificationsTest.java");
    private static final Path DOC = Path.of("../../docs/testing.md");

    @Test
    void theTestingPageShowsTheTestFileAsItIs() throws IOException {
        String page = Files.readString(DOC);
        String test = Files.readString(TEST);

        assertThat(page)
                .as("docs/testing.md must show %s in one ```java block", TEST)
                .contains("```java\n" + test + "```");
    }
}
