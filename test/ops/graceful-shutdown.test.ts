import { expect } from 'chai';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pipelineFixture, type PipelineFixture } from '../queue/support/pipeline-fixture.ts';

const CHILD = fileURLToPath(new URL('../queue/support/sigterm-worker.ts', import.meta.url));
const TOTAL = 300;
const invoiceId = (n: number) => `3tt${String(n).padStart(15, '0')}`;

describe('ops/graceful-shutdown', () => {
    let fx: PipelineFixture;
    beforeEach(async () => {
        fx = await pipelineFixture('term');
    });
    afterEach(async () => {
        await fx.close();
    });

    it('loses no job when a worker process gets SIGTERM under load', async function () {
        this.timeout(60_000);
        const producerHost = fx.host();
        const queue = producerHost.producer.queue('erp-invoice');
        for (let n = 0; n < TOTAL; n += 1) {
            await producerHost.producer.enqueue('erp-invoice', 'erp.post-invoice', { invoiceId: invoiceId(n), orderSummaryId: '1Os000000000001AAA' }, { correlationId: `t-${n}`, orderKey: `order-${n}` });
        }
        const child = fork(CHILD, [fx.test.url, fx.test.prefix], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
        const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
        await new Promise<void>((resolveReady) => child.once('message', () => resolveReady()));
        while ((await queue.getCompletedCount()) < 40) await new Promise((r) => setTimeout(r, 10));
        child.kill('SIGTERM');
        expect(await exited).to.equal(0);
        const afterStop = await queue.getJobCounts('completed', 'active', 'waiting', 'failed');
        expect(afterStop.active, 'no job left active').to.equal(0);
        expect(afterStop.completed, 'stopped mid-load').to.be.lessThan(TOTAL);

        // Drain with a fresh worker in this process.
        producerHost.handle('erp.post-invoice', async (_job, ctx) => {
            await fx.redis.hincrby(`${fx.test.prefix}:effects`, ctx.idempotencyKey, 1);
            return 'posted';
        });
        await producerHost.start();
        await fx.waitForFinished('erp-invoice', TOTAL, 30_000);
        const effects = await fx.redis.hgetall(`${fx.test.prefix}:effects`);
        expect(Object.keys(effects)).to.have.length(TOTAL);
        expect(Object.values(effects).every((count) => count === '1'), 'each invoice posted once').to.equal(true);
        expect(await queue.getFailedCount()).to.equal(0);
    });
});
