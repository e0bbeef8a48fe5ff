/**
 * Authorization headers for vendor APIs: static bearer, basic, or OAuth2 client credentials with the
 * token cached until shortly before it expires (one token request shared by concurrent callers).
 * Token values never appear in errors: failures name the token URL and the HTTP status only.
 */
import type { RestAuthConfig } from '../../config/sections/adapters-http.ts';
import { PermanentAdapterError, TransientAdapterError, type AdapterErrorContext } from '../adapter-error.ts';

/** Renew this long before the vendor's stated expiry, so a token never expires mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

export interface AuthProvider {
    headers(context: AdapterErrorContext, signal?: AbortSignal): Promise<Record<string, string>>;
    /** Forget a cached token (after a 401), so the next call fetches a new one. */
    invalidate(): void;
    /** Secret values to register with the logger's redactor. */
    secrets(): string[];
}

class StaticAuth implements AuthProvider {
    constructor(
        private readonly value: Record<string, string>,
        private readonly secretValues: string[]
    ) {}
    async headers(): Promise<Record<string, string>> {
        return this.value;
    }
    invalidate(): void {}
    secrets(): string[] {
        return this.secretValues;
    }
}

class ClientCredentialsAuth implements AuthProvider {
    private cached?: { token: string; expiresAt: number };
    private pending?: Promise<string>;
    /** Token requests made (tests check the cache). */
    tokenRequests = 0;

    constructor(
        private readonly config: Extract<RestAuthConfig, { type: 'oauth2' }>,
        private readonly now: () => number
    ) {}

    async headers(context: AdapterErrorContext, signal?: AbortSignal): Promise<Record<string, string>> {
        if (this.cached && this.cached.expiresAt > this.now()) return { authorization: `Bearer ${this.cached.token}` };
        this.pending ??= this.fetchToken(context, signal).finally(() => (this.pending = undefined));
        return { authorization: `Bearer ${await this.pending}` };
    }

    invalidate(): void {
        this.cached = undefined;
    }

    secrets(): string[] {
        return [this.config.clientSecret, ...(this.cached ? [this.cached.token] : [])];
    }

    private async fetchToken(context: AdapterErrorContext, signal?: AbortSignal): Promise<string> {
        const form = new URLSearchParams({ grant_type: 'client_credentials' });
        if (this.config.scope) form.set('scope', this.config.scope);
        const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
        if (this.config.clientAuth === 'basic') {
            headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64')}`;
        } else {
            form.set('client_id', this.config.clientId);
            form.set('client_secret', this.config.clientSecret);
        }
        this.tokenRequests++;
        const where = `token request to ${this.config.tokenUrl}`;
        let response: Response;
        try {
            response = await fetch(this.config.tokenUrl, { method: 'POST', headers, body: form, signal: signal ?? AbortSignal.timeout(10_000) });
        } catch (err) {
            throw new TransientAdapterError('network', `${where} failed: ${(err as Error).name}`, context);
        }
        if (response.status >= 500 || response.status === 429) {
            throw new TransientAdapterError('unavailable', `${where} answered ${response.status}`, { ...context, vendorStatus: response.status });
        }
        const body = (await response.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
        if (!response.ok || typeof body?.access_token !== 'string') {
            const code = typeof body?.error === 'string' ? ` (${body.error})` : '';
            throw new PermanentAdapterError('auth_failed', `${where} answered ${response.status}${code}: check the client ID and secret`, { ...context, vendorStatus: response.status });
        }
        const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in) || 3600) * 1000;
        this.cached = { token: body.access_token, expiresAt: this.now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS) };
        return body.access_token;
    }
}

export function createAuthProvider(config: RestAuthConfig, now: () => number = Date.now): AuthProvider {
    switch (config.type) {
        case 'none':
            return new StaticAuth({}, []);
        case 'bearer':
            return new StaticAuth({ authorization: `Bearer ${config.token}` }, [config.token]);
        case 'basic': {
            const encoded = Buffer.from(`${config.username}:${config.password}`).toString('base64');
            return new StaticAuth({ authorization: `Basic ${encoded}` }, [config.password, encoded]);
        }
        case 'oauth2':
            return new ClientCredentialsAuth(config, now);
    }
}
