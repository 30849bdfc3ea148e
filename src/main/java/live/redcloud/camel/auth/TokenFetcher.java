package live.redcloud.camel.auth;

import java.util.concurrent.CompletableFuture;

/** Asks Red Cloud's token endpoint for a new token. Implementations handle their own retries. */
@FunctionalInterface
public interface TokenFetcher {

    CompletableFuture<TokenGrant> fetch(TokenRequest request);
}
