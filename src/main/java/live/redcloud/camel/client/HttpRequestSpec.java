package live.redcloud.camel.client;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as the client wants it on the wire. Built once per logical call, so every retry sends the same bytes and
 * the same headers; only the bearer token may change between attempts.
 */
public final class HttpRequestSpec {

    private final String method;
    private final URI uri;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    public HttpRequestSpec(String method, URI uri, String contentType, byte[] body, Map<String, String> headers) {
        this.method = method;
        this.uri = uri;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The same request with one more header (e.g. {@code Authorization} for this attempt). */
    public HttpRequestSpec withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpRequestSpec(method, uri, contentType, body, copy);
    }

    @Override
    public String toString() {
        // headers are left out on purpose: they carry credentials
        return method + " " + uri;
    }
}
