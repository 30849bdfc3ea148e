package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import live.redcloud.camel.support.LogCapture;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistyped camel.component.redcloud.* property names the closest option, as Camel does for endpoint URIs. */
class PropertyTypoTest {

    @Test
    void aMistypedComponentPropertyNamesTheClosestOption(@TempDir Path dir) throws Exception {
        Path properties = dir.resolve("application.properties");
        Files.writeString(properties, "camel.component.redcloud.send-frm = num_typo_value\n");
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("file:" + properties);

        try (LogCapture logs = new LogCapture()) {
            Throwable failure = catchThrowable(main::start);
            main.stop();

            assertThat(failure).as("Camel still refuses the start").isNotNull();
            assertThat(logs.text())
                    .contains("The redcloud component has no option 'sendFrm': did you mean 'sendFrom'?")
                    .doesNotContain("num_typo_value\" ");
        }
    }

    @Test
    void aNameFarFromEveryOptionGetsNoGuess() {
        OptionNames names = OptionNames.ofComponent(new com.fasterxml.jackson.databind.ObjectMapper());

        assertThat(names.closest("sendFrm")).isEqualTo("sendFrom");
        assertThat(names.closest("client-secrt")).isEqualTo("clientSecret");
        assertThat(names.closest("colour")).isNull();
    }
}
