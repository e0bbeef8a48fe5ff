/** Shapes shared by the OAuth flows and the TokenManager. */

/** A minted Salesforce session. `accessToken` is a secret: register it with the Redactor before logging anything near it. */
export interface AccessToken {
    accessToken: string;
    /** Instance URL returned with the token (REST and CometD go there). */
    instanceUrl: string;
    /** Identity URL (`.../id/<orgId>/<userId>`), when the token endpoint sent one. */
    identityUrl?: string;
    /** Epoch ms the token was issued (Salesforce `issued_at`, else the local clock). */
    issuedAt: number;
    /** Epoch ms the session is expected to end (issuedAt + the configured session lifetime). */
    expiresAt: number;
    /** Rotated refresh token, when the refresh flow returned a new one. */
    refreshToken?: string;
}

/** One OAuth flow able to mint a fresh session on demand. */
export interface TokenSource {
    /** Flow name for logs and the doctor command (`jwt`, `client_credentials`, `refresh_token`). */
    readonly flow: string;
    fetchToken(): Promise<AccessToken>;
}

/** The OAuth token endpoint's JSON answer (the fields the bridge reads). */
export interface TokenResponse {
    access_token: string;
    instance_url: string;
    id?: string;
    issued_at?: string;
    token_type?: string;
    refresh_token?: string;
}
