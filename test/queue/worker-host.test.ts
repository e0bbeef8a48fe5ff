import { expect } from 'chai';
import { TransientError, PermanentError } from '../../bridge/src/errors/bridge-error.ts';
import { readHistory } from '../../bridge/src/queue/job-history.ts';
import { jobIdFor } from '../../bridge/src/queue/job-envelope.ts';
import { Worker } from 'bullmq';
import { redisOptionsFromUrl } from '../../bridge/src/queue/redis-connection.ts';
import { pipelineFixture, FO1, OS1, type PipelineFixture } from './support/pipeline-fixture.ts';

async function waitForCondition(test: () => boolean, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!test()) {
        if (Date.now() > until) throw new Error('condition not met in time');
        await new Promise((r) => setTimeout(r, 20));
    }
}

/** A downstream system that counts effects by idempotency key, failing on demand. */
class RecordingWms {
    readonly effects = new Map<string, number>();
    calls = 0;
    constructor(private failures: (call: number) => Error | undefined) {}
    async submit(idempotencyKey: string): Promise<string> {
        this.calls += 1;
        const failure = this.failures(this.calls);
        if (failure) throw failure;
        if (!this.effects.has(idempotencyKey)) this.effects.set(idempotencyKey, 0);
        this.effects.set(idempotencyKey, (this.effects.get(idempotencyKey) ?? 0) + 1);
        return `WMS-${this.effects.size}`;
    }
    fixed(): void {
        this.failures = () => undefined;
    }
}

describe('queue/worker-host', () => {
    let fx: PipelineFixture;
    beforeEach(async () => {
        fx = await pipelineFixture('wh');
    });
    afterEach(async () => {
        await fx.close();
    });

    it('retries transient failures and causes exactly one effect', async () => {
        const wms = new RecordingWms((call) => (call <= 2 ? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) : undefined));
        const host = fx.host().handle('wms.submit', async (_job, ctx) => wms.submit(ctx.idempotencyKey));
        await host.start();
        const { jobId } = await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO1, orderSummaryId: OS1, version: 1 }, { correlationId: 'c-1' });
        // A replayed event enqueues the same effect again: it must not make a second job.
        await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO1, orderSummaryId: OS1, version: 1 }, { correlationId: 'c-1' });
        await fx.waitForFinished('wms-outbound', 1);
        expect(wms.calls).to.equal(3);
        expect([...wms.effects.values()]).to.deep.equal([1]);
        const job = await host.producer.queue('wms-outbound').getJob(jobId);
        expect(await job?.getState()).to.equal('completed');
        expect(job?.returnvalue).to.equal('WMS-1');
        const history = await readHistory(host.producer.queue('wms-outbound'), jobId);
        expect(history.filter((h) => h.kind === 'attempt').map((h) => (h.kind === 'attempt' ? h.code : ''))).to.deep.equal(['NETWORK', 'NETWORK']);
        expect(fx.reporter.exceptions).to.have.length(0);
    });

    it('dead-letters a job over the stall limit with history and a ProcessException, though no handler ran', async () => {
        let ran = 0;
        const host = fx.host({ stalledIntervalMs: 150, maxStalledCount: 0 }).handle('wms.submit', async () => {
            ran += 1;
            return 'ran';
        });
        const { jobId, idempotencyKey } = await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO1, orderSummaryId: OS1, version: 3 }, { correlationId: 'c-stall' });
        // A worker takes the job and dies: it never renews the job's lock, as after a crash.
        const crashed = new Worker('wms-outbound', null, { connection: redisOptionsFromUrl(fx.test.url), prefix: fx.test.prefix, lockDuration: 300, autorun: false });
        expect((await crashed.getNextJob('crashed-worker-token'))?.id).to.equal(jobId);
        try {
            await host.start();
            await fx.waitForFinished('wms-outbound', 1);
        } finally {
            await crashed.close(true);
        }
        const queue = host.producer.queue('wms-outbound');
        expect(await (await queue.getJob(jobId))?.getState()).to.equal('failed');
        expect(ran).to.equal(0);
        await waitForCondition(() => fx.reporter.exceptions.length === 1);
        const [pe] = fx.reporter.exceptions;
        expect(pe).to.include({ orderSummaryId: OS1, attachedToId: FO1, externalReference: idempotencyKey, status: 'New' });
        expect(pe.description).to.include('without running it');
        const history = await readHistory(queue, jobId);
        expect(history.at(-1)).to.include({ kind: 'attempt', code: 'STALLED', outcome: 'dead' });
    });

    it('dead-letters a permanent failure at once with history and raises a ProcessException', async () => {
        const wms = new RecordingWms(() => new PermanentError('UNKNOWN_SKU', "SKU 'XYZ-1' is not known to the warehouse", { context: { adapter: 'sandbox-wms' } }));
        const host = fx.host().handle('wms.submit', async (_job, ctx) => wms.submit(ctx.idempotencyKey));
        await host.start();
        const { jobId, idempotencyKey } = await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO1, orderSummaryId: OS1, version: 2 }, { correlationId: 'c-2' });
        expect(jobId).to.equal(jobIdFor(`wms.submit:${FO1}:v2`));
        await fx.waitForFinished('wms-outbound', 1);
        const queue = host.producer.queue('wms-outbound');
        const job = await queue.getJob(jobId);
        expect(await job?.getState()).to.equal('failed');
        expect(wms.calls).to.equal(1);
        expect(job?.attemptsMade).to.equal(1);
        expect(job?.failedReason).to.include('UNKNOWN_SKU').and.include('XYZ-1');
        expect(job?.data.correlationId).to.equal('c-2');
        const history = await readHistory(queue, jobId);
        expect(history).to.have.length(1);
        expect(history[0]).to.include({ kind: 'attempt', errorClass: 'PermanentError', code: 'UNKNOWN_SKU', outcome: 'dead' });
        const [pe] = fx.reporter.exceptions;
        expect(pe).to.include({ orderSummaryId: OS1, attachedToId: FO1, category: 'Fulfillment', externalReference: idempotencyKey, status: 'New' });
        expect(pe.message.length).to.be.at.most(255);
        expect(pe.message).to.include("SKU 'XYZ-1'").and.include('SKU cross-reference').and.include(`dlq retry ${jobId}`);
    });

    it('dead-letters after the last transient attempt', async () => {
        const wms = new RecordingWms(() => new TransientError('SERVER_ERROR', 'HTTP 502 from WMS'));
        const host = fx.host({ queues: { concurrency: 4, concurrencyByQueue: {}, attempts: 3, backoffMs: 1, shutdownGraceMs: 1000 } })
            .handle('wms.submit', async (_job, ctx) => wms.submit(ctx.idempotencyKey));
        await host.start();
        const { jobId } = await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO1, orderSummaryId: OS1, version: 3 }, { correlationId: 'c-3' });
        await fx.waitForFinished('wms-outbound', 1);
        const history = await readHistory(host.producer.queue('wms-outbound'), jobId);
        expect(history.map((h) => (h.kind === 'attempt' ? h.outcome : h.kind))).to.deep.equal(['retry', 'retry', 'dead']);
        expect(wms.calls).to.equal(3);
        expect(fx.reporter.exceptions[0].message).to.include('stayed unavailable');
    });

    it('refuses an invalid payload naming the field', async () => {
        const host = fx.host().handle('wms.submit', async () => 'x');
        const failure = await host.producer
            .enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: 'nope', orderSummaryId: OS1, version: 1 }, { correlationId: 'c' })
            .then(() => undefined, (err: Error) => err);
        expect(failure?.message).to.match(/wms\.submit: fulfillmentOrderId: expected a 15 or 18 character Salesforce ID/);
        expect(await host.producer.queue('wms-outbound').count()).to.equal(0);
    });
});
