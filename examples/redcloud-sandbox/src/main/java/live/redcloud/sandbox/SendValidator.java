package live.redcloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The request-level rules of {@code POST /api/core/messages/send} [SEND][ERR][TS]. A broken rule is a 400
 * {@code INVALID_REQUEST} (403 {@code FORBIDDEN} for ownership) and nothing is created. Recipients are only checked
 * for shape here: a recipient that is not E.164 is rejected per recipient by {@link MessageService}, not for the
 * whole request. Unknown fields are ignored.
 */
final class SendValidator {

    /** E.164: a '+', a non-zero digit, then 6 to 14 more digits. */
    static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    /** Red Cloud's recipient limit is not visible in the docs; 100 is the sandbox's assumption. */
    static final int MAX_RECIPIENTS = 100;

    private static final Pattern PHONE_LIKE = Pattern.compile("^\\+?[0-9 ()\\-.]{7,}$");

    /** A request that passed every request-level rule. */
    record ValidSend(
            SandboxNumber from,
            List<String> recipients,
            String messageType,
            String text,
            List<String> mediaUrls,
            String externalReference) {}

    private final NumberRegistry numbers;

    SendValidator(NumberRegistry numbers) {
        this.numbers = numbers;
    }

    ValidSend validate(String clientId, JsonNode body) {
        SandboxNumber from = sendFrom(clientId, body.get("sendFrom"));
        List<String> recipients = recipients(body.get("to"));
        String messageType = messageType(body.get("messageType"));
        String text = optionalString(body, "text");
        String externalReference = optionalString(body, "externalReference");
        JsonNode media = body.get("mediaUrls");
        boolean hasMedia = media != null && !media.isNull();

        List<String> mediaUrls = List.of();
        if (messageType.equals("SMS")) {
            if (hasMedia) {
                throw ApiException.invalidRequest(
                        "mediaUrls is not allowed for messageType SMS; use MMS to send media");
            }
            if (text == null || text.isEmpty()) {
                throw ApiException.invalidRequest("text is required for messageType SMS");
            }
            if (!from.smsEnabled()) {
                throw ApiException.invalidRequest("sendFrom is not SMS-enabled (smsEnabled is false)");
            }
        } else {
            if (!hasMedia) {
                throw ApiException.invalidRequest(
                        "mediaUrls is required for messageType MMS: a non-empty array of https URLs");
            }
            mediaUrls = mediaUrls(media);
            if (!from.mmsEnabled()) {
                throw ApiException.invalidRequest("sendFrom is not MMS-enabled (mmsEnabled is false)");
            }
        }
        return new ValidSend(from, recipients, messageType, text, mediaUrls, externalReference);
    }

    private SandboxNumber sendFrom(String clientId, JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.invalidRequest("sendFrom is required: a numberId from GET /api/core/numbers");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ApiException.invalidRequest("sendFrom must be a numberId string from GET /api/core/numbers");
        }
        String value = node.asText();
        // The docs call passing a phone number as sendFrom an integration bug [SEND][TS].
        if (PHONE_LIKE.matcher(value).matches()) {
            throw ApiException.invalidRequest("sendFrom must be a Red Cloud numberId (e.g. num_abc123) from "
                    + "GET /api/core/numbers, not an E.164 phone number");
        }
        // Unknown numberIds get the same 403 as numbers of other clients: a client cannot tell them apart,
        // so it cannot probe which numberIds exist.
        SandboxNumber number = numbers.find(value)
                .filter(n -> n.ownerClientId().equals(clientId))
                .orElseThrow(ApiException::notOwned);
        if (!"ACTIVE".equals(number.status())) {
            throw ApiException.invalidRequest("sendFrom must be ACTIVE (status is " + number.status() + ")");
        }
        String campaign = number.campaignRegId();
        if (campaign == null || campaign.isBlank()) {
            throw ApiException.invalidRequest("sendFrom must have campaignregId configured"); // exact text [ERR]
        }
        return number;
    }

    private static List<String> recipients(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.invalidRequest("to is required: a non-empty array of E.164 phone numbers");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.invalidRequest("to must be a non-empty array of E.164 phone numbers");
        }
        if (node.size() > MAX_RECIPIENTS) {
            throw ApiException.invalidRequest("to may hold at most " + MAX_RECIPIENTS + " recipients");
        }
        List<String> recipients = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.invalidRequest("to must be an array of strings (E.164 phone numbers)");
            }
            recipients.add(item.asText());
        }
        return recipients;
    }

    private static String messageType(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.invalidRequest("messageType is required: SMS or MMS");
        }
        String type = node.isTextual() ? node.asText() : "";
        if (!type.equals("SMS") && !type.equals("MMS")) {
            throw ApiException.invalidRequest("messageType must be SMS or MMS");
        }
        return type;
    }

    private static List<String> mediaUrls(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.invalidRequest("mediaUrls must be a non-empty array of https URLs");
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !isHttpsUrl(item.asText())) {
                throw ApiException.invalidRequest("mediaUrls[" + i + "] must be an https URL");
            }
            urls.add(item.asText());
        }
        return urls;
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String optionalString(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalidRequest(field + " must be a string");
        }
        return node.asText();
    }
}
