package live.redcloud.camel.auth;

import java.net.URI;
import java.util.Objects;

/**
 * Everything that shapes a token request, and so the key of the token cache: two endpoints share a token only when
 * all of it is equal. {@link #toString()} never shows the secret.
 */
public final class TokenRequest {

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final ClientAuthentication authentication;
    private final int hash;

    public TokenRequest(URI tokenUrl, String clientId, String clientSecret, ClientAuthentication authentication) {
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.authentication = Objects.requireNonNull(authentication, "clientAuthentication");
        this.hash = Objects.hash(tokenUrl, clientId, clientSecret, authentication);
    }

    public URI tokenUrl() {
        return tokenUrl;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public ClientAuthentication authentication() {
        return authentication;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TokenRequest)) {
            return false;
        }
        TokenRequest other = (TokenRequest) o;
        return tokenUrl.equals(other.tokenUrl)
                && clientId.equals(other.clientId)
                && clientSecret.equals(other.clientSecret)
                && authentication == other.authentication;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TokenRequest[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", authentication=" + authentication
                + "]";
    }
}
