import { expect } from 'chai';
import type jsforce from 'jsforce';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { API_VERSION, connect, rawCall, startTestEmulator } from '../emulator-harness.ts';

const V = `/services/data/v${API_VERSION}`;

const admin = (emulator: RunningEmulator, method: string, path: string, body?: unknown) =>
    rawCall(emulator, undefined, method, `/__emulator${path}`, body === undefined ? undefined : JSON.stringify(body));

describe('emulator admin API, faults and API counting', () => {
    let emulator: RunningEmulator;
    let conn: jsforce.Connection;
    before(async () => {
        emulator = await startTestEmulator({ apiDailyLimit: 1000 });
        conn = await connect(emulator);
    });
    after(async () => emulator.stop());

    it('counts every REST call, per endpoint, and reports it in Sforce-Limit-Info', async () => {
        await admin(emulator, 'DELETE', '/api-usage');
        await conn.sobject('Account').create({ Name: 'A' });
        await conn.query('SELECT Id FROM Account');
        const response = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/limits`);
        expect(response.headers.get('sforce-limit-info')).to.equal('api-usage=3/1000');
        expect((response.json as { DailyApiRequests: { Remaining: number } }).DailyApiRequests).to.deep.equal({ Max: 1000, Remaining: 997 });
        const usage = await admin(emulator, 'GET', '/api-usage');
        expect(usage.json).to.deep.equal({ used: 3, limit: 1000, byEndpoint: { 'GET /limits': 1, 'GET /query': 1, 'POST /sobjects/Account': 1 } });
    });

    it('refuses calls past the daily allowance with REQUEST_LIMIT_EXCEEDED', async () => {
        const small = await startTestEmulator({ apiDailyLimit: 2 });
        try {
            const smallConn = await connect(small);
            await smallConn.query('SELECT Id FROM User');
            await smallConn.query('SELECT Id FROM User');
            const error = await smallConn.query('SELECT Id FROM User').then(
                () => undefined,
                (e: Error & { errorCode?: string }) => e
            );
            expect(error?.errorCode).to.equal('REQUEST_LIMIT_EXCEEDED');
            const raw = await rawCall(small, smallConn.accessToken!, 'GET', `${V}/limits`);
            expect(raw.status).to.equal(403);
            expect(raw.headers.get('sforce-limit-info')).to.equal('api-usage=2/2');
        } finally {
            await small.stop();
        }
    });

    it('answers the next N calls with an injected fault, then recovers', async () => {
        const queued = await admin(emulator, 'POST', '/faults/rest', { kind: 'UNABLE_TO_LOCK_ROW', count: 1 });
        expect(queued.status).to.equal(200);
        await admin(emulator, 'POST', '/faults/rest', { kind: 'SERVER_UNAVAILABLE', count: 1 });
        const locked = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/limits`);
        expect(locked.status).to.equal(400);
        expect((locked.json as { errorCode: string }[])[0].errorCode).to.equal('UNABLE_TO_LOCK_ROW');
        const unavailable = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/limits`);
        expect(unavailable.status).to.equal(503);
        expect((await rawCall(emulator, conn.accessToken!, 'GET', `${V}/limits`)).status).to.equal(200);
        const bad = await admin(emulator, 'POST', '/faults/rest', { kind: 'GREMLINS' });
        expect(bad.status).to.equal(400);
        expect((bad.json as { message: string }).message).to.match(/kind must be one of/);
    });

    it('drops the next connection and expires all sessions on request', async () => {
        await admin(emulator, 'POST', '/faults/drop-connections', { count: 1 });
        const dropped = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/limits`).then(
            () => 'answered',
            () => 'dropped'
        );
        expect(dropped).to.equal('dropped');
        const expired = await admin(emulator, 'POST', '/sessions/expire');
        expect((expired.json as { expired: number }).expired).to.be.greaterThan(0);
        const after = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/limits`);
        expect(after.status).to.equal(401);
    });

    it('runs hooks registered by other parts and places storefront orders', async () => {
        const before = emulator.store.all('OrderSummary').length;
        const placed = await admin(emulator, 'POST', '/orders', { count: 2 });
        expect(placed.status).to.equal(200);
        expect(emulator.store.all('OrderSummary')).to.have.length(before + 2);
        const forgot = await admin(emulator, 'POST', '/cometd/forget-clients');
        expect(forgot.status).to.equal(200);
        const purge = await admin(emulator, 'POST', '/events/purge', { olderThanMs: 0 });
        expect((purge.json as { result: { purged: number } }).result.purged).to.be.a('number');
    });

    it('does not exist in normal mode', async () => {
        const normal = await startTestEmulator({ mode: 'normal' });
        try {
            const response = await admin(normal, 'POST', '/sessions/expire');
            expect(response.status).to.equal(404);
        } finally {
            await normal.stop();
        }
    });
});
