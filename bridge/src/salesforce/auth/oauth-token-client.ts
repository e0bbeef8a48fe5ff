/**
 * POSTs one grant to `<loginUrl>/services/oauth2/token` and turns the answer into an AccessToken.
 * Token errors are an object `{error, error_description}` (not the REST error array); a refused grant
 * is permanent (configuration), a network failure or 5xx is transient. Grant parameters never appear
 * in an error message, since they hold the assertion or secrets.
 */
import { PermanentError, TransientError } from '../../errors/bridge-error.ts';
import type { AccessToken, TokenResponse } from './access-token.ts';

export interface TokenRequestOptions {
    loginUrl: string;
    /** Form fields of the grant (grant_type, assertion, client_id, ...). */
    form: Record<string, string>;
    /** Session lifetime assumed for expiry, seconds. */
    sessionSeconds: number;
    now?: () => number;
    fetchImpl?: typeof fetch;
}

export function tokenEndpoint(loginUrl: string): string {
    return `${loginUrl.replace(/\/+$/, '')}/services/oauth2/token`;
}

export async function requestToken(options: TokenRequestOptions): Promise<AccessToken> {
    const now = options.now ?? Date.now;
    const url = tokenEndpoint(options.loginUrl);
    const grant = options.form.grant_type ?? 'unknown';
    let response: Response;
    try {
        response = await (options.fetchImpl ?? fetch)(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
            body: new URLSearchParams(options.form).toString()
        });
    } catch (err) {
        throw new TransientError('NETWORK', `Salesforce token endpoint ${url} unreachable (${grant}): ${(err as Error).message}`, {
            cause: err
        });
    }
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
        body = {};
    }
    if (!response.ok) {
        const reason = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
        const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
        const message = `Salesforce refused the ${grant} grant at ${url} (${reason}${description})`;
        const context = { httpStatus: response.status, remoteCode: reason };
        if (response.status >= 500 || response.status === 429) throw new TransientError('UNAVAILABLE', message, { context });
        throw new PermanentError('CONFIGURATION', message, { context });
    }
    const token = body as unknown as TokenResponse;
    if (typeof token.access_token !== 'string' || typeof token.instance_url !== 'string') {
        throw new PermanentError('UNEXPECTED', `Salesforce token endpoint ${url} answered without access_token/instance_url`);
    }
    const issuedAt = Number(token.issued_at) > 0 ? Number(token.issued_at) : now();
    return {
        accessToken: token.access_token,
        instanceUrl: token.instance_url.replace(/\/+$/, ''),
        identityUrl: token.id,
        issuedAt,
        expiresAt: issuedAt + options.sessionSeconds * 1000,
        refreshToken: token.refresh_token
    };
}
