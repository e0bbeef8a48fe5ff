/**
 * The emulator's built-in integration user and its connected app: a consumer key and secret, and an RSA key
 * pair whose public half plays the certificate uploaded to the app (JWT bearer flow).
 */
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

/** Credentials a client needs to log in to the emulator. */
export interface IntegrationCredentials {
    /** Connected-app consumer key (JWT `iss`, `client_id`). */
    clientId: string;
    /** Consumer secret for client credentials and refresh-token grants. */
    clientSecret: string;
    /** Username (JWT `sub`). */
    username: string;
    /** PKCS#8 PEM private key to sign JWT assertions with. */
    privateKeyPem: string;
    /** SPKI PEM public key the emulator checks JWT signatures against. */
    publicKeyPem: string;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Fresh random credentials (a new key pair every call). */
export function generateCredentials(username = 'integration@oms-bridge.emulator'): IntegrationCredentials {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
        // Real consumer keys start with 3MVG; clients sometimes check the shape.
        clientId: `3MVG9${token(60).replace(/[-_]/g, 'x')}`,
        clientSecret: randomBytes(32).toString('hex').toUpperCase(),
        username,
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString()
    };
}

/** Credentials built from configured values, generating whatever is left out. */
export function resolveCredentials(given: Partial<IntegrationCredentials> = {}): IntegrationCredentials {
    const generated = generateCredentials(given.username);
    const merged = { ...generated, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as IntegrationCredentials;
    if (given.privateKeyPem && !given.publicKeyPem) {
        merged.publicKeyPem = createPublicKey(given.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    }
    if (given.publicKeyPem && !given.privateKeyPem) merged.privateKeyPem = '';
    return merged;
}
