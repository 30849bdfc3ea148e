package live.redcloud.sandbox;

import static live.redcloud.sandbox.ExamplesPageFlowTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Assertions on the CORE error wrapper {@code {"error":{"code","message","details"},"requestId"}} [ERR]. */
final class CoreErrors {

    private CoreErrors() {}

    static JsonNode assertCoreError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = ApiClient.json(r);
        assertThat(fieldNames(body)).containsExactly("error", "requestId");
        assertThat(fieldNames(body.get("error"))).containsExactly("code", "message", "details");
        assertThat(body.get("error").get("code").asText()).isEqualTo(code);
        assertThat(body.get("error").get("details").isObject()).isTrue();
        assertThat(body.get("requestId").asText()).startsWith("req_");
        return body;
    }

    static JsonNode assertCoreError(HttpResponse<String> r, int status, String code, String message) {
        JsonNode body = assertCoreError(r, status, code);
        assertThat(body.get("error").get("message").asText()).isEqualTo(message);
        return body;
    }

    static String message(HttpResponse<String> r) {
        return ApiClient.json(r).get("error").get("message").asText();
    }
}
