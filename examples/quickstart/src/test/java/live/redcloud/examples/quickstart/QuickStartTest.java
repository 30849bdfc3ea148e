package live.redcloud.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import live.redcloud.sandbox.MessageRecord;
import live.redcloud.sandbox.RedCloudSandbox;
import org.junit.jupiter.api.Test;

/** The quick start end to end, on the embedded sandbox, exactly as `-Pquickstart` runs it. */
class QuickStartTest {

    @Test
    void sendsSeesTheLifecycleInOrderAndAnswersAnInboundMessage() {
        ByteArrayOutputStream story = new ByteArrayOutputStream();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        QuickStart quickStart = new QuickStart(
                QuickStartSettings.sandbox(0, Duration.ofSeconds(60)),
                new PrintStream(story, true, StandardCharsets.UTF_8));
        int code;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            code = quickStart.run();
        } finally {
            System.setErr(originalErr);
        }
        String output = story.toString(StandardCharsets.UTF_8) + logs.toString(StandardCharsets.UTF_8);
        originalErr.println(output);

        assertThat(code).as(output).isZero();
        RedCloudSandbox sandbox = quickStart.sandbox();
        List<MessageRecord> messages = sandbox.admin().messages();
        MessageRecord first = messages.get(0);
        assertThat(first.to()).isEqualTo(QuickStartSettings.SANDBOX_TO);
        assertThat(first.sendFrom()).isEqualTo(QuickStartSettings.SANDBOX_NUMBER_ID);
        assertThat(first.externalReference()).isEqualTo("quickstart-hello");
        assertThat(quickStart.progress().eventsOf(first.messageId()))
                .startsWith("message.queued", "message.sent", "message.delivery");

        List<MessageRecord> replies = messages.stream()
                .filter(m -> m.to().equals(QuickStartSettings.SANDBOX_INBOUND_FROM))
                .collect(Collectors.toList());
        assertThat(replies).hasSize(1);
        String inboundId = sandbox.admin().inboundMessages().get(0).messageId();
        assertThat(replies.get(0).idempotencyKey()).isEqualTo("reply-" + inboundId);
        assertThat(replies.get(0).text()).isEqualTo("Thanks! We got your message: Is my order on its way?");

        assertThat(output)
                .contains(
                        "Connected as Sandbox Client",
                        "status QUEUED",
                        "message.queued -> message.sent -> message.delivery",
                        "Quick start complete");
        // the component's start-up check ran with its default (warn) and found nothing to warn about
        assertThat(output)
                .contains(
                        "Red Cloud start-up check at",
                        "'Sandbox Client'",
                        "sendFrom in use: " + QuickStartSettings.SANDBOX_NUMBER_ID + " (")
                .doesNotContain("start-up check:");
        // a short story with no secrets and no tokens
        assertThat(output)
                .doesNotContain(
                        RedCloudSandbox.DEFAULT_CLIENT_SECRET,
                        RedCloudSandbox.DEFAULT_SIGNING_SECRET,
                        "rc_tok_",
                        "Bearer");
    }
}
