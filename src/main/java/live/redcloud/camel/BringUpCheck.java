package live.redcloud.camel;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import live.redcloud.camel.model.RedCloudApiException;
import live.redcloud.camel.model.RedCloudAuthenticationException;
import live.redcloud.camel.model.RedCloudNumber;
import live.redcloud.camel.model.RedCloudProxyAuthenticationException;
import live.redcloud.camel.model.WhoAmI;

/**
 * Red Cloud's bring-up rules ("call /api/core/whoami before assuming the client context is correct", "use numberId for
 * sendFrom", a number must be ACTIVE, enabled for the message type and campaign-registered) as pure functions over
 * what whoami and numbers answered and what an endpoint is configured to do. No I/O, no Camel: {@link StartupChecks}
 * does the calls and the logging.
 */
final class BringUpCheck {

    static final String ACTIVE = "ACTIVE";
    private static final Set<String> DELIVERY_EVENTS =
            Set.of("message.queued", "message.sent", "message.delivery", "message.failed");
    private static final String INBOUND_EVENT = "message.inbound";

    private BringUpCheck() {}

    /** What one endpoint uses: a sending number (send) or a served path (webhook). */
    record Use(
            String name,
            String sendFrom,
            String messageType,
            String webhookPath,
            Set<String> eventTypes,
            Set<String> servedPaths) {

        static Use send(String name, String sendFrom, String messageType) {
            return new Use(name, sendFrom, messageType, null, Set.of(), Set.of());
        }

        /** {@code servedPaths}: the paths every redcloud:webhook route of the application serves, this one's too. */
        static Use webhook(String name, String path, Set<String> eventTypes, Set<String> servedPaths) {
            Set<String> served = new java.util.HashSet<>(servedPaths == null ? Set.of() : servedPaths);
            served.add(path);
            return new Use(name, null, null, path, eventTypes == null ? Set.of() : eventTypes, Set.copyOf(served));
        }

        static Use other(String name) {
            return new Use(name, null, null, null, Set.of(), Set.of());
        }

        boolean isWebhook() {
            return webhookPath != null;
        }
    }

    /** Findings about the API client itself, shared by every endpoint with these credentials. */
    static List<BringUpFinding> client(WhoAmI who) {
        List<BringUpFinding> findings = new ArrayList<>();
        if (!ACTIVE.equals(who.getApiClientStatus())) {
            findings.add(BringUpFinding.definite(
                    "clientId",
                    "whoami says the API client " + clientName(who)
                            + " has apiClientStatus " + who.getApiClientStatus()
                            + ", not ACTIVE; Red Cloud refuses tokens and"
                            + " CORE calls of an inactive API client (or of an inactive parent account). Ask Red Cloud to"
                            + " activate it, or set clientId/clientSecret to an active API client"));
        }
        return findings;
    }

    /**
     * The token fetch, whoami or numbers failed: a refusal (4xx: wrong credentials, token URL or base URL; the proxy's
     * 407) is a definite finding; a network failure, a timeout or a 5xx is an outage, only ever a warning.
     */
    static BringUpFinding failure(Throwable failure, String where) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RedCloudProxyAuthenticationException proxy) {
            // the proxy's answer is as definite as Red Cloud's invalid_client: no retry makes it accept
            return BringUpFinding.definite("proxyAuthUsername, proxyAuthPassword", proxy.getMessage());
        }
        if (cause instanceof RedCloudAuthenticationException auth && refusal(auth.getStatusCode())) {
            String fix = "invalid_client".equals(auth.getError())
                    ? "clientId, clientSecret (or clientAuthentication: basic or body)"
                    : "clientId, clientSecret, tokenUrl";
            return BringUpFinding.definite(
                    fix,
                    "Red Cloud refused the token request at " + where + ": HTTP "
                            + auth.getStatusCode() + (auth.getError() == null ? "" : " " + auth.getError())
                            + (auth.getErrorDescription() == null ? "" : " (" + auth.getErrorDescription() + ")")
                            + "; Red Cloud: check client_id and client_secret, an inactive API client or parent account is"
                            + " refused too, and invalid_client is not worth retrying blindly");
        }
        if (cause instanceof RedCloudApiException api && refusal(api.getStatusCode())) {
            String fix = api.getStatusCode() == 401
                    ? "clientId, clientSecret"
                    : api.getStatusCode() == 403
                            ? "clientId (an API client with the numbers:read capability)"
                            : "baseUrl";
            return BringUpFinding.definite(fix, "at " + where + ": " + api.getMessage());
        }
        return BringUpFinding.unreachable("could not check the client context with Red Cloud at " + where + " ("
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                + "); start-up goes on, the first calls will tell");
    }

    private static boolean refusal(int status) {
        // 408 and 429 say "later", not "wrong"
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** Findings about one endpoint. {@code numbersInUse}: the sendFrom numbers of every endpoint with these credentials. */
    static List<BringUpFinding> endpoint(WhoAmI who, List<RedCloudNumber> numbers, Use use, Set<String> numbersInUse) {
        List<BringUpFinding> findings = new ArrayList<>();
        if (use.sendFrom() != null && !use.sendFrom().isBlank()) {
            sendFrom(numbers, use, findings);
        }
        if (use.isWebhook()) {
            webhook(who, numbers, use, numbersInUse, findings);
        }
        return findings;
    }

    private static void sendFrom(List<RedCloudNumber> numbers, Use use, List<BringUpFinding> findings) {
        String sendFrom = use.sendFrom();
        RedCloudNumber number = find(numbers, sendFrom);
        String of = "sendFrom=" + sendFrom + " of " + use.name();
        if (number == null) {
            String hint =
                    sendFrom.startsWith("+") ? " (sendFrom takes a Red Cloud numberId, never an E.164 number)" : "";
            findings.add(BringUpFinding.definite(
                    "sendFrom",
                    of + " is not one of this API client's numbers" + hint
                            + "; numbers lists " + ids(numbers)
                            + ". Red Cloud answers such a send 403 FORBIDDEN \"sendFrom"
                            + " is not owned by this API client\""));
            return;
        }
        if (!ACTIVE.equals(number.getStatus())) {
            findings.add(BringUpFinding.definite(
                    "sendFrom",
                    of + " (" + number.getE164() + ") has status " + number.getStatus()
                            + "; Red Cloud: a number should be ACTIVE before use"));
        }
        boolean mms = "MMS".equalsIgnoreCase(use.messageType());
        if (mms && !number.isMmsEnabled()) {
            findings.add(
                    BringUpFinding.definite(
                            "sendFrom, messageType",
                            of + " (" + number.getE164()
                                    + ") is not mmsEnabled but messageType is MMS; Red Cloud: mmsEnabled must be true for MMS"));
        } else if (!mms && !number.isSmsEnabled()) {
            findings.add(
                    BringUpFinding.definite(
                            "sendFrom, messageType",
                            of + " (" + number.getE164()
                                    + ") is not smsEnabled but messageType is SMS; Red Cloud: smsEnabled must be true for SMS"));
        }
        if (number.getCampaignRegId() == null || number.getCampaignRegId().isBlank()) {
            findings.add(
                    BringUpFinding.definite(
                            "sendFrom",
                            of + " (" + number.getE164() + ") has no campaignRegId;"
                                    + " Red Cloud answers its sends 400 INVALID_REQUEST \"sendFrom must have campaignregId"
                                    + " configured\". Register a campaign for the number with Red Cloud or use another numberId"));
        }
    }

    private static void webhook(
            WhoAmI who,
            List<RedCloudNumber> numbers,
            Use use,
            Set<String> numbersInUse,
            List<BringUpFinding> findings) {
        Set<String> types = use.eventTypes();
        boolean wantsDelivery = types.isEmpty() || types.stream().anyMatch(DELIVERY_EVENTS::contains);
        boolean wantsInbound = types.isEmpty() || types.contains(INBOUND_EVENT);
        // the numbers whose events this application waits for: the ones it sends from, else every one it has
        List<RedCloudNumber> watched = numbers.stream()
                .filter(n -> numbersInUse.contains(n.getNumberId()))
                .collect(Collectors.toList());
        if (watched.isEmpty()) {
            watched = numbers;
        }
        if (wantsDelivery) {
            webhookKind(
                    use,
                    watched,
                    "delivery",
                    who.isDeliveryWebhookConfigured(),
                    "deliveryWebhookConfigured",
                    "webhookDeliveryOverride",
                    true,
                    findings);
        }
        if (wantsInbound) {
            webhookKind(
                    use,
                    watched,
                    "inbound",
                    who.isInboundWebhookConfigured(),
                    "inboundWebhookConfigured",
                    "webhookInboundOverride",
                    false,
                    findings);
        }
    }

    private static void webhookKind(
            Use use,
            List<RedCloudNumber> watched,
            String kind,
            boolean accountConfigured,
            String flag,
            String overrideField,
            boolean delivery,
            List<BringUpFinding> findings) {
        boolean everyNumberOverridden = !watched.isEmpty();
        for (RedCloudNumber n : watched) {
            String override = delivery ? n.getWebhookDeliveryOverride() : n.getWebhookInboundOverride();
            if (override == null || override.isBlank()) {
                everyNumberOverridden = false;
            } else if (use.servedPaths().stream().noneMatch(p -> samePath(override, p))) {
                findings.add(BringUpFinding.definite(
                        overrideField + " of " + n.getNumberId() + " at Red Cloud, or path",
                        "number " + n.getNumberId() + " (" + n.getE164() + ") has a " + overrideField
                                + " that sends its "
                                + kind + " events to host " + host(override)
                                + " on a path no redcloud:webhook route of this"
                                + " application serves (" + use.name() + " serves " + use.webhookPath()
                                + "); those events"
                                + " never reach it"));
            }
        }
        if (!accountConfigured && !everyNumberOverridden) {
            findings.add(BringUpFinding.definite(
                    kind + " webhook URL at Red Cloud, or eventTypes",
                    use.name() + " serves " + use.webhookPath() + " but whoami says " + flag + " is false: Red Cloud"
                            + " sends no " + kind + " events. Register the public URL of " + use.webhookPath()
                            + " as the "
                            + kind + " webhook with Red Cloud"
                            + (delivery
                                    ? ", or leave the delivery events out of eventTypes"
                                    : ", or leave message.inbound out of eventTypes")));
        }
    }

    /** The one INFO line: who we are at Red Cloud, and the state of the numbers this application sends from. */
    static String summary(WhoAmI who, List<RedCloudNumber> numbers, Collection<String> numbersInUse, String where) {
        StringBuilder sb = new StringBuilder("Red Cloud start-up check at ")
                .append(where)
                .append(": API client ")
                .append(clientName(who))
                .append(", status ")
                .append(who.getApiClientStatus())
                .append(", capabilities ")
                .append(who.getCapabilities())
                .append("; delivery webhook ")
                .append(who.isDeliveryWebhookConfigured() ? "configured" : "not configured")
                .append(", inbound webhook ")
                .append(who.isInboundWebhookConfigured() ? "configured" : "not configured")
                .append("; ")
                .append(numbers.size())
                .append(" number(s); sendFrom in use: ");
        if (numbersInUse.isEmpty()) {
            sb.append("none");
        }
        String sep = "";
        for (String id : numbersInUse) {
            sb.append(sep).append(id);
            sep = ", ";
            RedCloudNumber n = find(numbers, id);
            if (n == null) {
                sb.append(" (not one of yours)");
            } else {
                sb.append(" (")
                        .append(n.getE164())
                        .append(' ')
                        .append(n.getStatus())
                        .append(", SMS ")
                        .append(n.isSmsEnabled() ? "on" : "off")
                        .append(", MMS ")
                        .append(n.isMmsEnabled() ? "on" : "off")
                        .append(", campaign ")
                        .append(n.getCampaignRegId() == null ? "none" : n.getCampaignRegId())
                        .append(')');
            }
        }
        return sb.toString();
    }

    private static String clientName(WhoAmI who) {
        return "'" + who.getApiClientName() + "' (" + who.getApiClientId() + ")";
    }

    private static RedCloudNumber find(List<RedCloudNumber> numbers, String numberId) {
        return numbers.stream()
                .filter(n -> numberId.equals(n.getNumberId()))
                .findFirst()
                .orElse(null);
    }

    private static String ids(List<RedCloudNumber> numbers) {
        return numbers.isEmpty()
                ? "none"
                : numbers.stream().map(RedCloudNumber::getNumberId).collect(Collectors.joining(", "));
    }

    private static boolean samePath(String url, String path) {
        try {
            return trimSlash(URI.create(url).getPath()).equals(trimSlash(path));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Only the host of a webhook URL is ever logged: its path or query may carry a token of the receiver. */
    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "(not a URL)" : host;
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }

    private static String trimSlash(String path) {
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
