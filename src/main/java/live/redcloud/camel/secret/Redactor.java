package live.redcloud.camel.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes this component's own secrets out of any text it builds from what a server sent: an error body, an OAuth
 * {@code error_description}, a rejected recipient's message. A gateway or a debugging proxy that echoes the request
 * would otherwise put the client secret, the Basic credentials or the bearer token into exception messages and logs.
 *
 * <p>Each secret is known in every form it takes in a request: as is, form- and percent-encoded (either hex case),
 * JSON-escaped (with and without {@code \\uXXXX} escapes), HTML-escaped, and, for the credential pairs sent as HTTP
 * Basic, {@code id:secret} in Base64 (padded, unpadded and URL-safe). Tokens are remembered as they are issued, until five minutes after they expire. Forms shorter
 * than {@value #MIN_LENGTH} characters are left alone. One instance per component; thread-safe: the pattern is
 * replaced, never changed in place.
 */
public final class Redactor {

    /** What a secret becomes. */
    public static final String MASK = "xxxxxx";

    /** Forms shorter than this are left alone: masking every "ab" would garble the text and point at the secret. */
    static final int MIN_LENGTH = 4;

    /** A bound on the tokens remembered, however many credentials and however short their lives. */
    static final int TOKENS_KEPT = 1024;

    /** How long after its expiry a token is still masked: an answer can quote it late. */
    static final Duration AFTER_EXPIRY = Duration.ofMinutes(5);

    private final Set<String> secrets = new LinkedHashSet<>();
    /** Token -> when it stops mattering: its expiry, plus a margin for answers that quote it late. */
    private final Map<String, Instant> tokens = new LinkedHashMap<>();

    private final Clock clock;
    private volatile Pattern pattern;

    public Redactor() {
        this(Clock.systemUTC());
    }

    Redactor(Clock clock) {
        this.clock = clock;
    }

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

    /** A bearer token issued to this component, remembered until {@link #AFTER_EXPIRY} after it expires. */
    public void token(String value, Duration lifetime) {
        if (value == null || value.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        synchronized (this) {
            tokens.values().removeIf(until -> until.isBefore(now));
            if (tokens.put(value, now.plus(lifetime).plus(AFTER_EXPIRY)) == null) {
                if (tokens.size() > TOKENS_KEPT) {
                    // the one that stops mattering first, not the oldest: a long-lived token outlives many short ones
                    tokens.entrySet().stream()
                            .min(Map.Entry.comparingByValue())
                            .ifPresent(soonest -> tokens.remove(soonest.getKey()));
                }
                rebuild();
            }
        }
    }

    /**
     * An exception fit to be shown: itself if its message (and its causes') hold no secret, else an {@code IOException}
     * with the redacted message (naming the original type), the same stack trace and a cause redacted likewise.
     */
    public Throwable redacted(Throwable failure) {
        return redacted(failure, 0);
    }

    private Throwable redacted(Throwable failure, int depth) {
        // a cause chain can loop; 16 links is deeper than any real one
        if (failure == null || pattern == null || depth > 16) {
            return failure;
        }
        Throwable cause = failure.getCause() == null || failure.getCause() == failure
                ? null
                : redacted(failure.getCause(), depth + 1);
        String message = failure.getMessage();
        String clean = redact(message);
        if (Objects.equals(message, clean) && cause == failure.getCause()) {
            return failure;
        }
        java.io.IOException copy = new java.io.IOException(failure.getClass().getName() + ": " + clean, cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
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
        // all of it (an answer is capped by maxResponseSize already, and this is the error path): a secret cut at the
        // edge of a window would stay half visible
        int window = body.length;
        String text = redact(new String(body, 0, window, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 3));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > sb.length()) {
            sb.append("...");
        }
        return sb.toString().trim();
    }

    private void rebuild() {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            addForms(forms, secret);
        }
        for (String token : tokens.keySet()) {
            addForms(forms, token);
        }
        forms.removeIf(form -> form.length() < MIN_LENGTH);
        if (forms.isEmpty()) {
            pattern = null;
            return;
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
        // RFC 3986 encoders: space as %20, '*' encoded, '~' not
        forms.add(formEncoded.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
        boolean[] both = {false, true};
        for (boolean slash : both) {
            for (boolean nonAscii : both) {
                // \\uXXXX beyond ASCII (Python's ensure_ascii, Jackson's ESCAPE_NON_ASCII), and for & < > (Go),
                // in either hex case
                for (boolean htmlSafe : both) {
                    String escaped = jsonEscaped(value, slash, nonAscii, htmlSafe);
                    forms.add(escaped);
                    forms.add(upperCaseHex(escaped));
                }
            }
        }
        forms.add(htmlEscaped(value, false));
        forms.add(htmlEscaped(value, true));
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

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-f]{4})");

    private static String upperCaseHex(String escaped) {
        return UNICODE_ESCAPE
                .matcher(escaped)
                .replaceAll(m -> "\\\\u" + m.group(1).toUpperCase(Locale.ROOT));
    }

    /**
     * As JSON writers escape a string: quotes, backslashes and control characters; some also {@code /}, some
     * everything beyond ASCII, some (Go) also {@code & < >}.
     */
    private static String jsonEscaped(String value, boolean slash, boolean nonAscii, boolean htmlSafe) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || (slash && c == '/')) {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (nonAscii && c > 0x7e) || (htmlSafe && (c == '&' || c == '<' || c == '>'))) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** As an HTML page quotes text: {@code & < > "} as entities, and {@code '} as {@code &#39;} or {@code &#x27;}. */
    private static String htmlEscaped(String value, boolean hexApostrophe) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", hexApostrophe ? "&#x27;" : "&#39;");
    }
}
