/**
 * The three OAuth flows the bridge supports, built from `salesforce.*` config. Each checks its own
 * required keys up front and names the missing one, so a misconfiguration fails at start, not at the
 * first renewal hours later.
 */
import { readFileSync } from 'node:fs';
import type { BridgeConfig } from '../../config/schema.ts';
import { PermanentError } from '../../errors/bridge-error.ts';
import type { AccessToken, TokenSource } from './access-token.ts';
import { signJwtAssertion } from './jwt-assertion.ts';
import { requestToken } from './oauth-token-client.ts';

export type SalesforceConfig = BridgeConfig['salesforce'];

export interface TokenSourceOptions {
    now?: () => number;
    fetchImpl?: typeof fetch;
    /** Reads `privateKeyFile` (injected so tests need no disk). */
    readFile?: (path: string) => string;
}

function required(value: string | undefined, key: string, flow: string): string {
    if (!value) throw new PermanentError('CONFIGURATION', `salesforce.auth.${key} is required for the ${flow} flow`);
    return value;
}

export function createTokenSource(config: SalesforceConfig, options: TokenSourceOptions = {}): TokenSource {
    const auth = config.auth;
    const common = { loginUrl: config.loginUrl, sessionSeconds: auth.sessionSeconds, now: options.now, fetchImpl: options.fetchImpl };
    switch (auth.flow) {
        case 'jwt': {
            const clientId = required(auth.clientId, 'clientId', 'jwt');
            const username = required(auth.username, 'username', 'jwt');
            let privateKeyPem = auth.privateKey;
            if (!privateKeyPem && auth.privateKeyFile) {
                try {
                    privateKeyPem = (options.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(auth.privateKeyFile);
                } catch (err) {
                    throw new PermanentError('CONFIGURATION', `salesforce.auth.privateKeyFile ${auth.privateKeyFile} cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
                }
            }
            const keyPem = required(privateKeyPem, 'privateKey (or privateKeyFile)', 'jwt');
            return {
                flow: 'jwt',
                async fetchToken(): Promise<AccessToken> {
                    const assertion = await signJwtAssertion({ clientId, username, loginUrl: config.loginUrl, privateKeyPem: keyPem, now: options.now });
                    return requestToken({ ...common, form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion } });
                }
            };
        }
        case 'client_credentials': {
            const clientId = required(auth.clientId, 'clientId', 'client_credentials');
            const clientSecret = required(auth.clientSecret, 'clientSecret', 'client_credentials');
            return {
                flow: 'client_credentials',
                fetchToken: () =>
                    requestToken({ ...common, form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } })
            };
        }
        case 'refresh_token': {
            const clientId = required(auth.clientId, 'clientId', 'refresh_token');
            let refreshToken = required(auth.refreshToken, 'refreshToken', 'refresh_token');
            return {
                flow: 'refresh_token',
                async fetchToken(): Promise<AccessToken> {
                    const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId };
                    if (auth.clientSecret) form.client_secret = auth.clientSecret;
                    const token = await requestToken({ ...common, form });
                    // Refresh-token rotation: the next renewal must use the newest one.
                    if (token.refreshToken) refreshToken = token.refreshToken;
                    return token;
                }
            };
        }
    }
}
