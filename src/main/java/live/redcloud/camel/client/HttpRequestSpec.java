package live.redcloud.camel.client;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;

/**
 * One request as the client wants it on the wire. Built once per logical call, so every retry sends the same bytes and
 * the same headers; only the bearer token, passed per attempt, may change.
 */
public final class HttpRequestSpec {

    private final String method;
    private final URI uri;
    private final ContentType contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    public HttpRequestSpec(String method, URI uri, ContentType contentType, byte[] body, Map<String, String> headers) {
        this.method = method;
        this.uri = uri;
        this.contentType = contentType;
        this.body = body;
        this.headers =
                headers == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public ContentType contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        // headers are left out on purpose: they carry credentials
        return method + " " + uri;
    }
}
