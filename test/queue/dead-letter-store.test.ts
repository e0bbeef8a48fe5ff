import { expect } from 'chai';
import { PermanentError } from '../../bridge/src/errors/bridge-error.ts';
import { DeadLetterStore } from '../../bridge/src/queue/dead-letter-store.ts';
import { pipelineFixture, FO1, FO2, OS1, OS2, type PipelineFixture } from './support/pipeline-fixture.ts';

describe('queue/dead-letter-store', () => {
    let fx: PipelineFixture;
    beforeEach(async () => {
        fx = await pipelineFixture('dlq');
    });
    afterEach(async () => {
        await fx.close();
    });

    it('retry after the cause is fixed: one effect, same idempotency key, exception resolved, audit kept', async () => {
        const known = new Set<string>();
        const effects: string[] = [];
        const host = fx.host().handle('wms.submit', async (_job, ctx) => {
            if (!known.has(ctx.payload.fulfillmentOrderId)) throw new PermanentError('UNKNOWN_SKU', "SKU 'NEW-9' is not in the SKU cross-reference");
            effects.push(ctx.idempotencyKey);
            return 'ok';
        });
        await host.start();
        const store = new DeadLetterStore((q) => host.producer.queue(q), fx.redis, fx.test.prefix);
        const first = await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO1, orderSummaryId: OS1, version: 1 }, { correlationId: 'c-a' });
        await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO2, orderSummaryId: OS2, version: 1 }, { correlationId: 'c-b' });
        await fx.waitForFinished('wms-outbound', 2);

        const listed = await store.list({ queue: 'wms-outbound', error: 'new-9' });
        expect(listed.map((e) => e.jobId).sort()).to.have.length(2);
        expect(await store.list({ since: new Date(Date.now() + 60_000) })).to.have.length(0);
        const detail = await store.show(first.jobId);
        expect(detail).to.include({ queue: 'wms-outbound', correlationId: 'c-a', idempotencyKey: first.idempotencyKey });
        expect(detail?.payload).to.include({ fulfillmentOrderId: FO1 });
        expect(detail?.history[0]).to.include({ kind: 'attempt', code: 'UNKNOWN_SKU' });
        expect(fx.reporter.openFor(first.idempotencyKey)).to.have.length(1);

        known.add(FO1);
        await store.retry(first.jobId, { by: 'tester@host' });
        await fx.waitForFinished('wms-outbound', 2);
        const until = Date.now() + 10_000;
        while (effects.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        const job = await host.producer.queue('wms-outbound').getJob(first.jobId);
        while ((await job?.getState()) !== 'completed' && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect(effects).to.deep.equal([first.idempotencyKey]);
        expect(fx.reporter.openFor(first.idempotencyKey)).to.have.length(0);
        expect(fx.reporter.exceptions.find((e) => e.externalReference === first.idempotencyKey)?.status).to.equal('Resolved');
        const logs = await host.producer.queue('wms-outbound').getJobLogs(first.jobId);
        expect(logs.logs.some((l) => l.includes('"action":"retry"') && l.includes('tester@host'))).to.equal(true);

        // The other one is discarded, with an audit line that outlives the job.
        const discarded = await store.discardAll('wms-outbound', { by: 'tester@host' });
        expect(discarded).to.equal(1);
        expect(await store.list()).to.have.length(0);
        const audit = await fx.redis.lrange(`${fx.test.prefix}:dlq:audit`, 0, -1);
        expect(audit).to.have.length(1);
        expect(JSON.parse(audit[0])).to.include({ action: 'discard', by: 'tester@host', orderSummaryId: OS2 });
    });

    it('names the job when retrying one that is not dead-lettered', async () => {
        const host = fx.host().handle('wms.submit', async () => 'ok');
        const store = new DeadLetterStore((q) => host.producer.queue(q), fx.redis, fx.test.prefix);
        const failure = await store.retry('missing-job').then(() => undefined, (e: Error) => e);
        expect(failure?.message).to.equal('No dead-lettered job missing-job (see oms-bridge dlq list)');
    });
});
