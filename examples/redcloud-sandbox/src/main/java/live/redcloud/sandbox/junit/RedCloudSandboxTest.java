package live.redcloud.sandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import live.redcloud.sandbox.RedCloudSandbox;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a local Red Cloud sandbox: {@link RedCloudSandboxExtension} starts one on a
 * free port before the first test and stops it after the last, points its delivery and inbound webhooks at
 * {@code http://127.0.0.1:<webhookPort><webhookPath>} (the application under test serves its webhook there: read the
 * port from {@link SandboxConnection#webhookPort()}), and resolves test, lifecycle-method and constructor parameters
 * of type {@link SandboxConnection} (base URL, credentials, signing secret, webhook URL) and {@link RedCloudSandbox}
 * (to trigger inbound messages, faults and token revocation, and to read what it recorded). Before each test the
 * faults are reset, so one test's faults never leak into the next.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedCloudSandboxExtension.class)
public @interface RedCloudSandboxTest {

    /** The webhook HMAC key the sandbox signs with. */
    String signingSecret() default RedCloudSandbox.DEFAULT_SIGNING_SECRET;

    /** The path of the application's webhook; the sandbox's webhook URLs end with it. */
    String webhookPath() default "/redcloud/webhook";

    /** The port the application under test serves its webhook on; 0 reserves a free one (the default). */
    int webhookPort() default 0;

    /** Multiplies Red Cloud's 1/5/15/60-minute redelivery delays; the default makes them 60/300/900/3600 ms. */
    double retryScale() default 0.001;

    /** Delay before each lifecycle event of a message, in milliseconds. */
    long eventDelayMillis() default 20;

    /** Token lifetime ({@code expires_in}) in seconds. */
    long tokenLifetimeSeconds() default 3600;
}
