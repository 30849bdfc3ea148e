package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import live.redcloud.camel.model.RedCloudEvent;
import live.redcloud.camel.support.LogCapture;
import live.redcloud.camel.support.WebhookTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** Refused webhook requests are visible at WARN, once and then at most once a minute per path and reason. */
class WebhookRefusalLogTest extends WebhookTestSupport {

    private static final String PATH = "/hooks/refusals";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("redcloud:webhook?path=" + PATH + "&signingSecret=RAW(" + SECRET + ")&maxBodySize=2048"
                                + "&timestampTolerance=5m")
                        .to("mock:events");
            }
        };
    }

    @Test
    void aBurstOfOneHundredBadSignaturesGivesExactlyOneWarning() throws Exception {
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_rotated", 3);
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                String ts = now();
                // what a rotated secret looks like: signed, with another key
                HttpResponse<String> response = post(PATH, body, ts, sign("whsec_the_new_secret", ts, body));
                assertThat(response.statusCode()).isEqualTo(401);
            }

            List<String> warnings = refusalWarnings(logs);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0))
                    .contains("401", "POST " + PATH, "signature does not match", "signingSecret")
                    .doesNotContain(SECRET, "whsec_the_new_secret", "msg_rotated", body);
            assertThat(logs.text()).doesNotContain(SECRET).doesNotContain("whsec_the_new_secret");
        }
    }

    @Test
    void eachReasonHasItsOwnWarning() throws Exception {
        String body = lifecycle(RedCloudEvent.DELIVERY, "msg_r", 1);
        String ts = now();
        try (LogCapture logs = new LogCapture()) {
            assertThat(post(PATH, body, null, null).statusCode()).isEqualTo(401);
            assertThat(post(PATH, body, ts, null).statusCode()).isEqualTo(401);
            assertThat(post(PATH, body, ts, sign(SECRET, ts, body + " ")).statusCode())
                    .isEqualTo(401);
            String old = String.valueOf(System.currentTimeMillis() / 1000 - 3600);
            assertThat(post(PATH, body, old, sign(SECRET, old, body)).statusCode())
                    .isEqualTo(401);
            String duplicate = "{\"type\":\"message.delivery\",\"messageId\":\"m\",\"type\":\"message.failed\"}";
            assertThat(post(PATH, duplicate, ts, sign(SECRET, ts, duplicate)).statusCode())
                    .isEqualTo(400);
            assertThat(post(PATH, "not json", ts, sign(SECRET, ts, "not json")).statusCode())
                    .isEqualTo(400);
            String large = "{\"text\":\"" + "x".repeat(4096) + "\"}";
            assertThat(post(PATH, large, ts, sign(SECRET, ts, large)).statusCode())
                    .isEqualTo(413);

            List<String> warnings = refusalWarnings(logs);
            assertThat(warnings).hasSize(6);
            assertThat(warnings.get(0)).contains("401", "header is missing");
            assertThat(warnings.get(1)).contains("401", "signature does not match");
            assertThat(warnings.get(2)).contains("401", "timestampTolerance");
            assertThat(warnings.get(3)).contains("400", "same JSON key twice");
            assertThat(warnings.get(4)).contains("400", "not valid JSON");
            assertThat(warnings.get(5)).contains("413", "maxBodySize");
            assertThat(warnings).allMatch(w -> w.contains("POST " + PATH)).noneMatch(w -> w.contains("xxxx"));
        }
    }

    private static List<String> refusalWarnings(LogCapture logs) {
        return logs.atLeast(Level.WARN).stream()
                .filter(line -> line.contains("redcloud:webhook answered"))
                .collect(Collectors.toList());
    }
}
