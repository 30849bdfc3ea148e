package live.redcloud.camel.auth;

/** How the client credentials travel to Red Cloud's token endpoint. */
public enum ClientAuthentication {
    /** {@code Authorization: Basic base64(clientId:clientSecret)}, body {@code grant_type} only. */
    basic,
    /** {@code client_id} and {@code client_secret} as form fields, no Authorization header. */
    body
}
