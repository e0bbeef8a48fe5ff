import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, exportJWK, jwtVerify } from 'jose';
import { TokenManager } from '../../../bridge/src/salesforce/auth/token-manager.ts';
import { createTokenSource } from '../../../bridge/src/salesforce/auth/token-sources.ts';
import type { AccessToken, TokenSource } from '../../../bridge/src/salesforce/auth/access-token.ts';
import { Redactor } from '../../../bridge/src/observability/redact.ts';
import { testConfig } from '../support/test-config.ts';

function countingSource(lifetimeMs = 3_600_000): TokenSource & { calls: number } {
    const source = {
        flow: 'test',
        calls: 0,
        async fetchToken(): Promise<AccessToken> {
            source.calls += 1;
            await new Promise((r) => setTimeout(r, 20));
            return { accessToken: `token-number-${source.calls}`, instanceUrl: 'http://x', issuedAt: Date.now(), expiresAt: Date.now() + lifetimeMs };
        }
    };
    return source;
}

describe('TokenManager', () => {
    it('shares one renewal among concurrent callers and registers the token with the redactor', async () => {
        const source = countingSource();
        const redactor = new Redactor();
        const manager = new TokenManager(source, { renewBeforeSeconds: 60, redactor });
        const tokens = await Promise.all(Array.from({ length: 10 }, () => manager.getToken()));
        expect(source.calls).to.equal(1);
        expect(new Set(tokens.map((t) => t.accessToken)).size).to.equal(1);
        expect(redactor.redactText(`using token-number-1 now`)).to.not.contain('token-number-1');
        manager.stop();
    });

    it('renews once when many callers report the same rejected token', async () => {
        const source = countingSource();
        const manager = new TokenManager(source, { renewBeforeSeconds: 60 });
        const first = await manager.getToken();
        const renewed = await Promise.all(Array.from({ length: 5 }, () => manager.invalidate(first.accessToken)));
        expect(source.calls).to.equal(2);
        expect(renewed.every((t) => t.accessToken === 'token-number-2')).to.equal(true);
        // A late report about the old token does not mint again.
        await manager.invalidate(first.accessToken);
        expect(source.calls).to.equal(2);
        manager.stop();
    });

    it('renews before expiry', async () => {
        const source = countingSource(30_000);
        const manager = new TokenManager(source, { renewBeforeSeconds: 60 });
        await manager.getToken();
        await manager.getToken();
        expect(source.calls).to.equal(2);
        manager.stop();
    });
});

describe('JWT bearer flow', () => {
    let server: Server;
    let url: string;
    const received: Record<string, string>[] = [];
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    before(async () => {
        server = createServer((req, res) => {
            let body = '';
            req.on('data', (c: Buffer) => (body += c.toString()));
            req.on('end', () => {
                const form = Object.fromEntries(new URLSearchParams(body));
                received.push(form);
                if (form.assertion === undefined) {
                    res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: 'no assertion' }));
                    return;
                }
                res.writeHead(200, { 'Content-Type': 'application/json' }).end(
                    JSON.stringify({ access_token: '00Dxx!secret-session', instance_url: 'http://instance.example', issued_at: String(Date.now()), token_type: 'Bearer' })
                );
            });
        });
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        const address = server.address();
        url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    function config(auth: Record<string, string>) {
        return testConfig({ salesforce: { loginUrl: url, auth: { flow: 'jwt', ...auth } } }).salesforce;
    }

    it('posts an RS256 assertion with iss, sub, aud and a short exp', async () => {
        const source = createTokenSource(config({ clientId: 'CONSUMER', username: 'int@example.com', privateKey: pem }));
        const token = await source.fetchToken();
        expect(token.accessToken).to.equal('00Dxx!secret-session');
        expect(token.instanceUrl).to.equal('http://instance.example');
        const form = received[received.length - 1];
        expect(form.grant_type).to.equal('urn:ietf:params:oauth:grant-type:jwt-bearer');
        const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256' }] });
        const { payload, protectedHeader } = await jwtVerify(form.assertion, jwks, { issuer: 'CONSUMER', subject: 'int@example.com', audience: url });
        expect(protectedHeader.alg).to.equal('RS256');
        expect((payload.exp as number) - Math.floor(Date.now() / 1000)).to.be.within(100, 200);
    });

    it('names the missing key and never echoes secrets', async () => {
        expect(() => createTokenSource(config({ clientId: 'CONSUMER', privateKey: pem }))).to.throw(/salesforce\.auth\.username is required/);
        const bad = createTokenSource(config({ clientId: 'CONSUMER', username: 'u', privateKey: 'not-a-key-but-secret' }));
        const err = await bad.fetchToken().then(() => undefined, (e: Error) => e);
        expect(err?.message).to.match(/privateKey is not a PEM RSA private key/);
        expect(err?.message).to.not.contain('not-a-key-but-secret');
    });
});
