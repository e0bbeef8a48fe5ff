import { expect } from 'chai';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { useTestRedis, type TestRedis } from '../../support/redis.ts';
import { FakeStreamingOrg } from '../support/fake-streaming-org.ts';
import { testConfig } from '../support/test-config.ts';
import { TokenManager } from '../../../bridge/src/salesforce/auth/token-manager.ts';
import { CometdTransport } from '../../../bridge/src/salesforce/streaming/cometd-transport.ts';
import { IntakeService } from '../../../bridge/src/salesforce/intake/intake-service.ts';
import type { SoqlRunner } from '../../../bridge/src/salesforce/intake/reconciler.ts';

const CHANNEL = '/event/Test_Event__e';
const CDC = '/data/FulfillmentOrderChangeEvent';

async function until(check: () => Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

describe('intake recovery against a Bayeux server', function () {
    this.timeout(40_000);
    let redis: TestRedis;
    let org: FakeStreamingOrg;
    let queue: Queue;
    let queueConnection: Redis;
    const opened: { stop(): Promise<void> }[] = [];
    let soqlRows: Record<string, unknown>[] = [];
    const soqlSeen: string[] = [];

    beforeEach(async () => {
        redis = await useTestRedis('intake-recovery');
        org = new FakeStreamingOrg();
        await org.start();
        queueConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
        queue = new Queue('sf-events', { connection: queueConnection, prefix: redis.prefix });
    });
    afterEach(async () => {
        for (const service of opened.splice(0)) await service.stop();
        await queue.close();
        queueConnection.disconnect();
        await org.stop();
        await redis.cleanup();
    });

    function startService(): { service: IntakeService; tokens: TokenManager; stop(): Promise<void> } {
        const config = testConfig({
            redis: { prefix: redis.prefix },
            streaming: { channels: [CHANNEL, CDC], silenceTimeoutMs: 4000, leaseTtlMs: 1500, backoffBaseMs: 20, backoffMaxMs: 200 }
        });
        const tokens = new TokenManager(
            { flow: 'test', fetchToken: async () => ({ accessToken: org.issueToken(), instanceUrl: org.instanceUrl, issuedAt: Date.now(), expiresAt: Date.now() + 3_600_000 }) },
            { renewBeforeSeconds: 60 }
        );
        const connection = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
        const soql: SoqlRunner = async (query) => {
            soqlSeen.push(query);
            return soqlRows;
        };
        const service = new IntakeService({
            config,
            logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
            redis: connection,
            queue,
            tokenManager: tokens,
            transportFactory: (accessToken, instanceUrl) => new CometdTransport({ instanceUrl, apiVersion: '66.0', accessToken, channels: config.streaming.channels, timeoutSeconds: 5 }),
            soql
        });
        const handle = {
            service,
            tokens,
            async stop() {
                await service.stop();
                tokens.stop();
                connection.disconnect();
            }
        };
        opened.push(handle);
        return handle;
    }

    const jobIds = async () => (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized'])).map((j) => j.id as string);
    const subscribed = (service: IntakeService) => async () => service.status().channels.every((c) => c.connected);

    it('receives events published while stopped after a restart, none twice, and parks a malformed one', async () => {
        const first = startService();
        await first.service.start();
        await until(subscribed(first.service), 'subscription');
        for (let i = 0; i < 3; i++) org.publish(CHANNEL, { n: i });
        await until(async () => (await jobIds()).length === 3, '3 jobs');
        await first.stop();
        opened.splice(opened.indexOf(first), 1);

        for (let i = 3; i < 6; i++) org.publish(CHANNEL, { n: i });
        org.publishData(CHANNEL, { event: { replayId: 0 } }); // no payload: malformed
        org.publish(CHANNEL, { n: 6 });

        const second = startService();
        await second.service.start();
        await until(async () => (await jobIds()).length === 7, '7 jobs');
        await until(async () => (await second.service.store.readExceptions()).length === 1, 'exception');
        const ids = await jobIds();
        expect(new Set(ids).size).to.equal(7);
        const payloads = (await queue.getJobs(['waiting', 'completed', 'active', 'delayed', 'prioritized'])).map((j) => (j.data as { payload: { payload: { n: number } } }).payload.payload.n);
        expect(payloads.sort()).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
        const [exception] = await second.service.store.readExceptions();
        expect(exception.reason).to.match(/payload/);
        expect(exception.channel).to.equal(CHANNEL);
    });

    it('recovers from a forgotten client and an expired session without loss or duplicates', async () => {
        const { service, tokens } = startService();
        await service.start();
        await until(subscribed(service), 'subscription');
        org.publish(CHANNEL, { n: 1 });
        await until(async () => (await jobIds()).length === 1, 'first job');
        org.forgetClients();
        org.publish(CHANNEL, { n: 2 });
        await until(async () => (await jobIds()).length === 2, 'job after 403::Unknown client');
        const renewalsBefore = tokens.renewalCount;
        org.expireTokens();
        org.publish(CHANNEL, { n: 3 });
        await until(async () => (await jobIds()).length === 3, 'job after 401');
        expect(tokens.renewalCount).to.be.greaterThan(renewalsBefore);
        await new Promise((r) => setTimeout(r, 300));
        expect(await jobIds()).to.have.length(3);
        expect(service.status().reconnects).to.be.at.least(2);
    });

    it('reconciles after a stale checkpoint and records the gap', async () => {
        const { service } = startService();
        await service.start();
        await until(subscribed(service), 'subscription');
        const commit = Date.now();
        org.publish(
            CDC,
            { ChangeEventHeader: { entityName: 'FulfillmentOrder', recordIds: ['0a3000000000001AAA'], changeType: 'UPDATE', changeOrigin: 'x', transactionKey: 'tx-a', sequenceNumber: 1, commitTimestamp: commit, changedFields: ['Status'] } },
            {}
        );
        await until(async () => (await jobIds()).length === 1, 'cdc job');
        await service.stop();
        opened.length = 0;
        org.purge();
        soqlRows = [
            { Id: '0a3000000000002AAA', SystemModstamp: '2030-01-01T00:00:01.000+0000' },
            { Id: '0a3000000000003AAA', SystemModstamp: '2030-01-01T00:00:02.000+0000' }
        ];
        const again = startService();
        await again.service.start();
        await until(async () => (await jobIds()).length === 3, 'reconciled jobs');
        expect(soqlSeen.some((q) => q.startsWith('SELECT Id, SystemModstamp FROM FulfillmentOrder WHERE SystemModstamp >= '))).to.equal(true);
        const gaps = await redis.client.xrange(again.service.store.keys.gaps, '-', '+');
        expect(gaps).to.have.length(1);
        expect(gaps[0][1]).to.include(CDC);
    });
});
