package live.redcloud.examples.benchmarks;

import java.util.Locale;

/** The clients the harness compares, by the name used in {@code -Dbench.clients}. */
public enum ClientKind {

    /** redcloud:send, the component's pool sized to the concurrency (maxConnections = C), all else default. */
    REDCLOUD("redcloud"),
    /** The same with {@code synchronous=true}: the calling thread waits and the route continues on it. */
    REDCLOUD_SYNC("redcloud-sync"),
    /** A raw pooled async Apache HttpClient 5 (pool = C), token fetched once by hand. */
    RAW("raw"),
    /** A Camel route whose hand-written AsyncProcessor posts through the raw client: the floor for a component. */
    RAW_PROCESSOR("raw-processor"),
    /** camel-http with oauth2ClientId/oauth2ClientSecret/oauth2TokenEndpoint and oauth2CacheTokens=true (pool = C). */
    CAMEL_HTTP("camel-http"),
    /** redcloud:send with the component's default pool size (maxConnections, 64 since the first benchmark run), whatever the concurrency. */
    REDCLOUD_DEFAULT_POOL("redcloud-default-pool");

    private final String id;

    ClientKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public SendClient create(StubRedCloud stub, String clientId, int concurrency) {
        return create(stub, clientId, concurrency, RouteSteps.NONE);
    }

    /** A client whose route (where it is one) has {@code steps} around its send step. */
    public SendClient create(StubRedCloud stub, String clientId, int concurrency, RouteSteps steps) {
        return switch (this) {
            case REDCLOUD ->
                new RedCloudSendClient(stub.baseUrl(), clientId, concurrency, "redcloud:send", false, 0, steps);
            case REDCLOUD_SYNC ->
                new RedCloudSendClient(
                        stub.baseUrl(),
                        clientId,
                        concurrency,
                        "redcloud:send, synchronous=true",
                        true,
                        concurrency,
                        steps);
            case REDCLOUD_DEFAULT_POOL ->
                new RedCloudSendClient(
                        stub.baseUrl(), clientId, null, "redcloud:send, default pool (64)", false, 0, steps);
            case RAW -> new RawHttpClient5Client(stub.baseUrl(), clientId, concurrency, steps);
            case RAW_PROCESSOR -> new RawProcessorClient(stub.baseUrl(), clientId, concurrency, steps);
            case CAMEL_HTTP -> new CamelHttpOAuth2Client(stub.baseUrl(), clientId, concurrency, steps);
        };
    }

    public static ClientKind of(String id) {
        for (ClientKind k : values()) {
            if (k.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown client " + id
                + " (redcloud, redcloud-sync, raw, raw-processor, camel-http, redcloud-default-pool)");
    }
}
