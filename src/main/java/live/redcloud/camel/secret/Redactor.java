package live.redcloud.camel.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes this component's own secrets out of any text it builds from what a server sent: an error body, an OAuth
 * {@code error_description}, a rejected recipient's message. A gateway or a debugging proxy that echoes the request
 * would otherwise put the client secret, the Basic credentials or the bearer token into exception messages and logs.
 *
 * <p>Each secret is known in every form it takes in a request: as is, form- and percent-encoded (either hex case),
 * JSON-escaped, and, for the credential pairs sent as HTTP Basic, {@code id:secret} in Base64 (padded, unpadded and
 * URL-safe). Tokens are remembered as they are issued, the newest {@value #TOKENS_KEPT} of them. One instance per
 * component; thread-safe: the set of forms is replaced, never changed in place.
 */
public final class Redactor {

    /** What a secret becomes. */
    public static final String MASK = "xxxxxx";

    static final int TOKENS_KEPT = 16;

    private final Set<String> secrets = new LinkedHashSet<>();
    private final List<String> tokens = new ArrayList<>();
    private volatile Pattern pattern;

    /** A secret as configured: client secret, proxy password, signing secret. */
    public void secret(String value) {
        if (value != null && !value.isEmpty()) {
            synchronized (this) {
                if (secrets.add(value)) {
                    rebuild();
                }
            }
        }
    }

    /** A pair sent as HTTP Basic ({@code user:password} in Base64): the password, and the encoded pair. */
    public void basicCredentials(String user, String password) {
        if (password == null || password.isEmpty()) {
            return;
        }
        secret(password);
        byte[] pair = ((user == null ? "" : user) + ":" + password).getBytes(StandardCharsets.UTF_8);
        secret(Base64.getEncoder().encodeToString(pair));
        secret(Base64.getEncoder().withoutPadding().encodeToString(pair));
        secret(Base64.getUrlEncoder().withoutPadding().encodeToString(pair));
    }

    /** A bearer token issued to this component. */
    public void token(String value) {
        if (value != null && !value.isEmpty()) {
            synchronized (this) {
                if (!tokens.contains(value)) {
                    tokens.add(value);
                    if (tokens.size() > TOKENS_KEPT) {
                        tokens.remove(0);
                    }
                    rebuild();
                }
            }
        }
    }

    /** The text with every known form of every secret replaced by {@link #MASK}; {@code null} stays {@code null}. */
    public String redact(String text) {
        Pattern current = pattern;
        if (text == null || current == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = current.matcher(text);
        return matcher.find() ? matcher.replaceAll(MASK) : text;
    }

    /**
     * At most {@code max} characters of a body, as text, with secrets replaced before it is cut (a secret cut in half
     * at the end would otherwise stay half visible) and control characters dropped.
     */
    public String excerpt(byte[] body, int max) {
        // enough of the body that no secret straddles the cut
        int window = Math.min(body.length, max * 4 + 4096);
        String text = redact(new String(body, 0, window, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 3));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > sb.length() || body.length > window) {
            sb.append("...");
        }
        return sb.toString().trim();
    }

    private void rebuild() {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            addForms(forms, secret);
        }
        for (String token : tokens) {
            addForms(forms, token);
        }
        List<String> longestFirst = new ArrayList<>(forms);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder();
        for (String form : longestFirst) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append(Pattern.quote(form));
        }
        pattern = Pattern.compile(regex.toString());
    }

    private static void addForms(Set<String> forms, String value) {
        forms.add(value);
        String formEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(formEncoded);
        forms.add(formEncoded.replace("+", "%20"));
        forms.add(lowerCaseHex(formEncoded));
        forms.add(lowerCaseHex(formEncoded.replace("+", "%20")));
        forms.add(jsonEscaped(value, false));
        forms.add(jsonEscaped(value, true));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static String lowerCaseHex(String encoded) {
        StringBuilder sb = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            sb.append(c);
            if (c == '%' && i + 2 < encoded.length()) {
                sb.append(encoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            }
        }
        return sb.toString();
    }

    /** As JSON writers escape a string: quotes, backslashes and control characters; some also escape {@code /}. */
    private static String jsonEscaped(String value, boolean slash) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || (slash && c == '/')) {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
