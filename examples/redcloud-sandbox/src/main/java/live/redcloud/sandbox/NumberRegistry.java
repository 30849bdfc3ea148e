package live.redcloud.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The numbers the sandbox knows: the three seed numbers of the test client and one number owned by another client. */
final class NumberRegistry {

    /** The API client that owns {@link #OTHER_CLIENT_NUMBER}; it has no credentials in the sandbox. */
    static final String OTHER_CLIENT_ID = "rc_other_client";

    static final String OTHER_CLIENT_NUMBER = "num_other_client";

    private final Map<String, SandboxNumber> byId;

    NumberRegistry(String clientId) {
        List<SandboxNumber> seed = List.of(
                // The docs' canonical example number [NUM]
                new SandboxNumber("num_abc123", "+15551234567", clientId, "A1B2C3", true, true),
                new SandboxNumber("num_sms_only", "+15551230002", clientId, "D4E5F6", true, false),
                new SandboxNumber("num_no_campaign", "+15551230003", clientId, null, true, true),
                new SandboxNumber(OTHER_CLIENT_NUMBER, "+15551230004", OTHER_CLIENT_ID, "Z9Y8X7", true, true));
        this.byId = seed.stream()
                .collect(Collectors.toMap(
                        SandboxNumber::numberId, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    Optional<SandboxNumber> find(String numberId) {
        return Optional.ofNullable(byId.get(numberId));
    }

    Optional<SandboxNumber> findByE164(String e164) {
        return byId.values().stream().filter(n -> n.e164().equals(e164)).findFirst();
    }

    /** Numbers owned by a client, in seed order: what {@code GET /api/core/numbers} lists for it. */
    List<SandboxNumber> ownedBy(String clientId) {
        return byId.values().stream()
                .filter(n -> n.ownerClientId().equals(clientId))
                .toList();
    }

    List<SandboxNumber> all() {
        return List.copyOf(byId.values());
    }
}
