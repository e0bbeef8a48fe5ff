/**
 * Checks a JWT bearer assertion the way Salesforce's token endpoint does: RS256 signature against the connected
 * app's certificate, `iss` = consumer key, `aud` = a login URL, `exp` in the future, `sub` = a known username.
 * Failures carry Salesforce's `{error, error_description}` strings.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, importSPKI, importX509, type CryptoKey } from 'jose';
import { OAuthError } from './oauth-error.ts';

export interface JwtCheckOptions {
    clientId: string;
    /** SPKI public key or X.509 certificate PEM of the connected app. */
    verificationPem: string;
    /** Audiences accepted (login URLs). */
    audiences: string[];
    now: () => number;
}

const invalidAssertion = () => new OAuthError('invalid_grant', 'invalid assertion');

let cachedKey: { pem: string; key: CryptoKey } | undefined;

async function keyOf(pem: string): Promise<CryptoKey> {
    if (cachedKey?.pem === pem) return cachedKey.key;
    const key = pem.includes('BEGIN CERTIFICATE') ? await importX509(pem, 'RS256') : await importSPKI(pem, 'RS256');
    cachedKey = { pem, key };
    return key;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The username (`sub`, or legacy `prn`, which wins when both are sent) of a valid assertion. */
export async function verifyJwtAssertion(assertion: string, options: JwtCheckOptions): Promise<string> {
    let claims: ReturnType<typeof decodeJwt>;
    try {
        if (decodeProtectedHeader(assertion).alg !== 'RS256') throw invalidAssertion();
        claims = decodeJwt(assertion);
    } catch {
        throw invalidAssertion();
    }
    if (claims.iss !== options.clientId) throw new OAuthError('invalid_client_id', 'client identifier invalid');
    try {
        await compactVerify(assertion, await keyOf(options.verificationPem));
    } catch {
        throw invalidAssertion();
    }
    const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((a): a is string => typeof a === 'string').map(trimSlash);
    if (!audiences.some((a) => options.audiences.map(trimSlash).includes(a))) throw new OAuthError('invalid_grant', 'audience is invalid');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= options.now()) throw new OAuthError('invalid_grant', 'expired authorization code');
    const subject = typeof claims.prn === 'string' ? claims.prn : claims.sub;
    if (!subject) throw new OAuthError('invalid_grant', 'invalid assertion');
    return subject;
}
