package live.redcloud.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} bodies. */
final class FormBody {

    private FormBody() {}

    /**
     * The parameters of a form body. A repeated parameter is an {@code invalid_request}: RFC 6749 section 3.2 says
     * request parameters must not be included more than once.
     */
    static Map<String, String> parse(byte[] body) {
        Map<String, String> params = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OAuthException(400, "invalid_request", "Malformed form body");
            }
            if (params.putIfAbsent(name, value) != null) {
                throw new OAuthException(400, "invalid_request", "Parameter " + name + " must not be repeated");
            }
        }
        return params;
    }
}
