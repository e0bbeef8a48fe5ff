import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import jsforce from 'jsforce';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { API_VERSION, rawCall, startTestEmulator } from '../emulator-harness.ts';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

async function assertion(emulator: RunningEmulator, claims: Record<string, unknown> = {}, privateKeyPem = emulator.credentials.privateKeyPem) {
    const key = await importPKCS8(privateKeyPem, 'RS256');
    const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256' });
    jwt.setIssuer((claims.iss as string) ?? emulator.credentials.clientId);
    jwt.setSubject((claims.sub as string) ?? emulator.credentials.username);
    jwt.setAudience((claims.aud as string) ?? emulator.loginUrl);
    jwt.setExpirationTime((claims.exp as number) ?? Math.floor(Date.now() / 1000) + 180);
    return jwt.sign(key);
}

async function tokenCall(emulator: RunningEmulator, form: Record<string, string>) {
    const response = await fetch(`${emulator.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString()
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('emulator OAuth', () => {
    let emulator: RunningEmulator;
    before(async () => (emulator = await startTestEmulator()));
    after(async () => emulator.stop());

    it('logs jsforce in with the JWT bearer flow and answers like Salesforce', async () => {
        const conn = new jsforce.Connection({ loginUrl: emulator.loginUrl, version: API_VERSION, oauth2: { loginUrl: emulator.loginUrl } });
        const userInfo = await conn.authorize({ grant_type: JWT_GRANT, assertion: await assertion(emulator) });
        expect(userInfo.id).to.equal(emulator.credentials.userId);
        expect(userInfo.organizationId).to.equal(emulator.credentials.orgId);
        expect(conn.instanceUrl).to.equal(emulator.instanceUrl);
        const result = await conn.query<{ Username: string }>('SELECT Username FROM User');
        expect(result.records.map((r) => r.Username)).to.include(emulator.credentials.username);
        const identity = await conn.identity();
        expect(identity.username).to.equal(emulator.credentials.username);
    });

    it('returns the documented token response fields', async () => {
        const { status, body } = await tokenCall(emulator, { grant_type: JWT_GRANT, assertion: await assertion(emulator) });
        expect(status).to.equal(200);
        expect(body).to.include.keys('access_token', 'instance_url', 'id', 'token_type', 'issued_at', 'signature', 'scope');
        expect(body.token_type).to.equal('Bearer');
        expect(body.id).to.equal(`${emulator.loginUrl}/id/${emulator.credentials.orgId}/${emulator.credentials.userId}`);
    });

    it('refuses bad assertions with Salesforce error strings', async () => {
        const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        const cases: [Record<string, unknown>, string | undefined, string, string][] = [
            [{ aud: 'https://example.com' }, undefined, 'invalid_grant', 'audience is invalid'],
            [{ exp: Math.floor(Date.now() / 1000) - 60 }, undefined, 'invalid_grant', 'expired authorization code'],
            [{ iss: 'someone-else' }, undefined, 'invalid_client_id', 'client identifier invalid'],
            [{ sub: 'nobody@example.com' }, undefined, 'invalid_grant', "user hasn't approved this consumer"],
            [{}, otherKey, 'invalid_grant', 'invalid assertion']
        ];
        for (const [claims, key, error, description] of cases) {
            const { status, body } = await tokenCall(emulator, { grant_type: JWT_GRANT, assertion: await assertion(emulator, claims, key) });
            expect(status, description).to.equal(400);
            expect(body).to.deep.equal({ error, error_description: description });
        }
        const garbage = await tokenCall(emulator, { grant_type: JWT_GRANT, assertion: 'not.a.jwt' });
        expect(garbage.body).to.deep.equal({ error: 'invalid_grant', error_description: 'invalid assertion' });
    });

    it('supports client credentials and refresh token grants and refuses a wrong secret', async () => {
        const { clientId, clientSecret, refreshToken } = emulator.credentials;
        const cc = await tokenCall(emulator, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
        expect(cc.status).to.equal(200);
        const wrong = await tokenCall(emulator, { grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' });
        expect(wrong).to.deep.equal({ status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } });
        const conn = new jsforce.Connection({
            version: API_VERSION,
            instanceUrl: emulator.instanceUrl,
            accessToken: 'stale',
            refreshToken,
            oauth2: { loginUrl: emulator.loginUrl, clientId, clientSecret }
        });
        // The stale token is refused with 401; jsforce refreshes and retries once.
        const result = await conn.query('SELECT Id FROM User');
        expect(result.totalSize).to.be.greaterThan(0);
        expect(conn.accessToken).not.to.equal('stale');
        const bad = await tokenCall(emulator, { grant_type: 'refresh_token', client_id: clientId, refresh_token: 'bogus' });
        expect(bad.body).to.deep.equal({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
        const unsupported = await tokenCall(emulator, { grant_type: 'password' });
        expect(unsupported.body.error).to.equal('unsupported_grant_type');
    });

    it('expires sessions after their lifetime', async () => {
        const shortLived = await startTestEmulator({ sessionSeconds: 1 });
        try {
            const session = shortLived.sessions.create({ userId: shortLived.credentials.userId, username: shortLived.credentials.username });
            expect(shortLived.sessions.validate(session.accessToken)).to.not.equal(undefined);
            Object.assign(session, { expiresAt: Date.now() - 1 });
            const response = await rawCall(shortLived, session.accessToken, 'GET', `/services/data/v${API_VERSION}/limits`);
            expect(response.status).to.equal(401);
            expect(response.json).to.deep.equal([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        } finally {
            await shortLived.stop();
        }
    });
});
