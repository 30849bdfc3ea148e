package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain java.net.http client for the tests: what a Red Cloud integrator would write by hand. */
final class ApiClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    ApiClient(RedCloudSandbox sandbox) {
        this(sandbox.baseUrl());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code curl -u id:secret -d grant_type=client_credentials $BASE_URL/api/auth/token} */
    HttpResponse<String> tokenWithBasic(String id, String secret, String form) {
        return send(request("/api/auth/token")
                .header("Authorization", basic(id, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    HttpResponse<String> tokenWithForm(String form) {
        return send(request("/api/auth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    String token() {
        HttpResponse<String> r = tokenWithBasic(
                RedCloudSandbox.DEFAULT_CLIENT_ID,
                RedCloudSandbox.DEFAULT_CLIENT_SECRET,
                "grant_type=client_credentials");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("access_token").asText();
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> postJson(String path, String token, String json) {
        HttpRequest.Builder b = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpRequest sendRequest(String token, String idempotencyKey, String json) {
        HttpRequest.Builder b = request("/api/core/messages/send")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return b.build();
    }

    HttpResponse<String> sendMessage(String token, String idempotencyKey, String json) {
        return send(sendRequest(token, idempotencyKey, json));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** The documented example send [SEND][EX], to the given recipients. */
    static String smsBody(String... to) {
        StringBuilder recipients = new StringBuilder();
        for (String t : to) {
            recipients
                    .append(recipients.length() == 0 ? "" : ",")
                    .append('"')
                    .append(t)
                    .append('"');
        }
        return "{\"sendFrom\":\"num_abc123\",\"to\":[" + recipients + "],\"messageType\":\"SMS\","
                + "\"text\":\"Hello from Red Cloud\",\"externalReference\":\"order_789\"}";
    }
}
