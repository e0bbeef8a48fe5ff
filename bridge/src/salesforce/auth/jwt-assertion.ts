/** Builds the signed JWT for the OAuth 2.0 JWT bearer flow (RS256; iss=consumer key, sub=username, aud=login URL). */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { PermanentError } from '../../errors/bridge-error.ts';

export interface JwtAssertionInput {
    clientId: string;
    username: string;
    /** Audience: the login host, e.g. https://login.salesforce.com (no trailing slash). */
    loginUrl: string;
    privateKeyPem: string;
    /** Seconds the assertion stays valid (default 180; Salesforce wants "a few minutes"). */
    lifetimeSeconds?: number;
    now?: () => number;
}

export async function signJwtAssertion(input: JwtAssertionInput): Promise<string> {
    let key: KeyObject;
    try {
        // createPrivateKey reads both PKCS#8 and the PKCS#1 ("BEGIN RSA PRIVATE KEY") files openssl often writes.
        key = createPrivateKey(input.privateKeyPem);
        if (key.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
    } catch (err) {
        // The key's text must not leak into the message.
        throw new PermanentError(
            'CONFIGURATION',
            'salesforce.auth.privateKey is not a PEM RSA private key (PKCS#8 or PKCS#1)',
            { cause: err instanceof Error ? new Error(err.name) : undefined }
        );
    }
    const nowSeconds = Math.floor((input.now ?? Date.now)() / 1000);
    return new SignJWT({})
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(input.clientId)
        .setSubject(input.username)
        .setAudience(input.loginUrl.replace(/\/+$/, ''))
        .setExpirationTime(nowSeconds + (input.lifetimeSeconds ?? 180))
        .sign(key);
}
