package live.redcloud.sandbox;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks webhook URLs when they are configured, so a delivery never fails on a malformed URL. */
final class WebhookUrls {

    private WebhookUrls() {}

    /** Returns the URL unchanged ({@code null} and blank mean "not set" and give {@code null}); throws if it is not absolute http(s). */
    static String checked(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("webhook URL must be an absolute http or https URL: " + url);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook URL is not a valid URI: " + url, e);
        }
    }
}
