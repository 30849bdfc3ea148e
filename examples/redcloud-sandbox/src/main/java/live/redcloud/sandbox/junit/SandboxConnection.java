package live.redcloud.sandbox.junit;

/**
 * What an application under test needs to talk to the sandbox started by {@link RedCloudSandboxTest}, and to be
 * talked to by it.
 *
 * @param baseUrl       the sandbox's base URL ({@code http://127.0.0.1:PORT}, no trailing slash): the component's
 *                      {@code baseUrl}
 * @param tokenUrl      the token endpoint (the component's default, {@code baseUrl + /api/auth/token})
 * @param clientId      the OAuth2 client id the sandbox accepts
 * @param clientSecret  its secret
 * @param signingSecret the key the sandbox signs webhooks with: the component's {@code signingSecret}
 * @param webhookPort   the port the application must serve its webhook on
 * @param webhookPath   the path it must serve it on
 */
public record SandboxConnection(
        String baseUrl,
        String tokenUrl,
        String clientId,
        String clientSecret,
        String signingSecret,
        int webhookPort,
        String webhookPath) {

    /** Where the sandbox delivers lifecycle and inbound events: {@code http://127.0.0.1:<webhookPort><webhookPath>}. */
    public String webhookUrl() {
        return "http://127.0.0.1:" + webhookPort + webhookPath;
    }

    /** No secret in test reports: credentials are masked. */
    @Override
    public String toString() {
        return "SandboxConnection[baseUrl=" + baseUrl + ", clientId=" + clientId
                + ", clientSecret=***, signingSecret=***" + ", webhookUrl=" + webhookUrl() + "]";
    }
}
