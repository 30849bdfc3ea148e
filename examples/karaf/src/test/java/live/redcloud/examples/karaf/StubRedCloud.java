package live.redcloud.examples.karaf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two Red Cloud calls the Karaf route makes (token, whoami), on a free local port, recording what arrived. The
 * full sandbox module is not used so that this module builds on its own (it needs only the component jar).
 */
final class StubRedCloud implements AutoCloseable {

    static final String CLIENT_ID = "karaf-it-client";
    static final String CLIENT_SECRET = "karaf-it-secret";
    static final String TOKEN = "karaf-it-token";
    static final String CLIENT_NAME = "Karaf IT client";

    private final HttpServer server;
    final List<String> calls = new CopyOnWriteArrayList<>();

    StubRedCloud() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth/token", this::token);
        server.createContext("/api/core/whoami", this::whoami);
        server.createContext("/api/core/numbers", this::numbers);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange exchange) throws IOException {
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = "POST".equals(exchange.getRequestMethod())
                && basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && body.contains("grant_type=client_credentials");
        calls.add("token " + (ok ? "ok" : "rejected"));
        if (ok) {
            respond(
                    exchange,
                    200,
                    "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        } else {
            respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}");
        }
    }

    private void whoami(HttpExchange exchange) throws IOException {
        boolean ok = "GET".equals(exchange.getRequestMethod())
                && ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        calls.add("whoami " + (ok ? "ok" : "rejected"));
        if (ok) {
            respond(
                    exchange,
                    200,
                    "{\"apiClientId\":\"" + CLIENT_ID + "\",\"apiClientName\":\"" + CLIENT_NAME
                            + "\",\"apiClientStatus\":\"ACTIVE\",\"capabilities\":[\"SMS\"]}");
        } else {
            respond(exchange, 401, "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token\"}}");
        }
    }

    /** Asked by the component's bring-up check when the route starts; the whoami route uses no number. */
    private void numbers(HttpExchange exchange) throws IOException {
        boolean ok = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        calls.add("numbers " + (ok ? "ok" : "rejected"));
        respond(
                exchange,
                ok ? 200 : 401,
                ok ? "{\"numbers\":[]}" : "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token\"}}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
