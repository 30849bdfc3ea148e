package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import live.redcloud.camel.support.LogCapture;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camel Main prints the component options it applied; no secret option may appear there as written. */
class CamelMainSummaryTest {

    private static final String CLIENT_ID = "rc_client_id_literal_1";
    private static final String CLIENT_SECRET = "rc_client_secret_literal_2";
    private static final String SIGNING_SECRET = "whsec_signing_secret_literal_3";

    @Test
    void theStartupSummaryMasksEverySecretOption(@TempDir Path dir) throws Exception {
        // from a properties file, as applications do: Camel Main prints those at INFO (values set in code only at
        // DEBUG)
        Path properties = dir.resolve("application.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "camel.component.redcloud.baseUrl = https://api.example.com",
                        "camel.component.redcloud.clientId = " + CLIENT_ID,
                        "camel.component.redcloud.clientSecret = " + CLIENT_SECRET,
                        "camel.component.redcloud.signingSecret = " + SIGNING_SECRET,
                        "camel.component.redcloud.sendFrom = num_abc123",
                        ""));
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("file:" + properties);

        // at INFO, as an application runs: Camel Main prints its summary at DEBUG instead when DEBUG is on
        try (LogCapture logs = new LogCapture(Level.INFO)) {
            main.start();
            main.stop();

            String text = logs.text();
            // the summary is there, and shows the harmless options as they are
            assertThat(text)
                    .contains("camel.component.redcloud.sendFrom", "num_abc123")
                    .contains("camel.component.redcloud.signingSecret");
            assertThat(text)
                    .doesNotContain(CLIENT_ID)
                    .doesNotContain(CLIENT_SECRET)
                    .doesNotContain(SIGNING_SECRET);
        }
    }
}
