/**
 * Owns the bridge's Salesforce session. Callers ask for the current token; it is renewed when it is
 * within `renewBeforeSeconds` of its expected end, and when a caller reports it rejected
 * (INVALID_SESSION_ID, `401::Authentication invalid`). Renewal is single-flight: concurrent callers share
 * one request, and a rejection of a token that has already been replaced returns the replacement instead
 * of minting again, so a burst of 401s costs one login, not one per request.
 */
import type { Redactor } from '../../observability/redact.ts';
import type { AccessToken, TokenSource } from './access-token.ts';

export interface TokenManagerOptions {
    /** Renew this many seconds before the expected expiry. */
    renewBeforeSeconds: number;
    /** Every minted token is registered here so no log line can carry it. */
    redactor?: Redactor;
    now?: () => number;
}

export type TokenListener = (token: AccessToken) => void;

export class TokenManager {
    private current: AccessToken | undefined;
    private inFlight: Promise<AccessToken> | undefined;
    private readonly listeners = new Set<TokenListener>();
    private renewals = 0;
    private timer: NodeJS.Timeout | undefined;
    private stopped = false;

    constructor(
        private readonly source: TokenSource,
        private readonly options: TokenManagerOptions
    ) {}

    get flow(): string {
        return this.source.flow;
    }

    /** How many tokens have been minted (for metrics and tests). */
    get renewalCount(): number {
        return this.renewals;
    }

    /** A token valid for at least `renewBeforeSeconds` more, minting one if needed. */
    async getToken(): Promise<AccessToken> {
        const now = (this.options.now ?? Date.now)();
        const current = this.current;
        if (current && current.expiresAt - this.options.renewBeforeSeconds * 1000 > now) return current;
        return this.renew();
    }

    /**
     * Reports that Salesforce rejected `rejectedAccessToken`. Renews once; if the token was already
     * replaced (another caller got there first) the replacement is returned without a new login.
     */
    async invalidate(rejectedAccessToken: string | undefined): Promise<AccessToken> {
        if (this.inFlight) return this.inFlight;
        const current = this.current;
        if (current && rejectedAccessToken !== undefined && current.accessToken !== rejectedAccessToken) return current;
        this.current = undefined;
        return this.renew();
    }

    /** Cancels the scheduled proactive renewal (call on shutdown). */
    stop(): void {
        this.stopped = true;
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
    }

    /** Called with every new token (e.g. to update a streaming client's Authorization header). */
    onToken(listener: TokenListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    private renew(): Promise<AccessToken> {
        if (this.inFlight) return this.inFlight;
        const flight = (async () => {
            try {
                const token = await this.source.fetchToken();
                this.options.redactor?.addSecret(token.accessToken);
                this.options.redactor?.addSecret(token.refreshToken);
                this.current = token;
                this.renewals += 1;
                for (const listener of this.listeners) listener(token);
                this.scheduleRenewal(token);
                return token;
            } finally {
                this.inFlight = undefined;
            }
        })();
        this.inFlight = flight;
        return flight;
    }

    /** Long-lived holders (a jsforce Connection, a CometD client) get a fresh token before the old one ends. */
    private scheduleRenewal(token: AccessToken): void {
        if (this.timer) clearTimeout(this.timer);
        if (this.stopped) return;
        const now = (this.options.now ?? Date.now)();
        const delay = Math.max(1000, token.expiresAt - this.options.renewBeforeSeconds * 1000 - now);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            // A failed proactive renewal is retried by the next getToken()/invalidate(); nothing to do here.
            this.renew().catch(() => undefined);
        }, Math.min(delay, 2 ** 31 - 1));
        this.timer.unref();
    }
}
