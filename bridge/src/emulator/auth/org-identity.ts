/** Who the emulated org and its integration user are, and where they are reachable. */
export interface OrgIdentity {
    /** 18-character org ID (00D...). */
    orgId: string;
    /** User ID (005...) of the integration user. */
    userId: string;
    username: string;
    displayName: string;
    email: string;
    /** Login URL (token endpoint host); for the emulator the same as the instance URL. */
    loginUrl(): string;
    instanceUrl(): string;
    /** Latest API version served, e.g. '66.0'. */
    latestVersion: string;
}

/** The identity URL Salesforce returns as `id` in token responses. */
export const identityUrl = (identity: OrgIdentity) => `${identity.loginUrl()}/id/${identity.orgId}/${identity.userId}`;
