import { expect } from 'chai';
import { Redis } from 'ioredis';
import { createLogger } from '../../bridge/src/observability/logger.ts';
import { BridgeMetrics } from '../../bridge/src/observability/bridge-metrics.ts';
import { RecordingProcessExceptionReporter } from '../../bridge/src/ops/recording-process-exception-reporter.ts';
import { SlaTracker } from '../../bridge/src/ops/sla-tracker.ts';
import { useTestRedis, type TestRedis } from '../support/redis.ts';

describe('ops/sla-tracker', () => {
    let test: TestRedis;
    let redisA: Redis;
    let redisB: Redis;
    beforeEach(async () => {
        test = await useTestRedis('sla');
        redisA = new Redis(test.url);
        redisB = new Redis(test.url);
    });
    afterEach(async () => {
        redisA.disconnect();
        redisB.disconnect();
        await test.cleanup();
    });

    it('alerts an overdue FO once across processes and resolves it when completed late', async () => {
        const metrics = new BridgeMetrics();
        const reporter = new RecordingProcessExceptionReporter();
        const sla = { ackWithinMs: 60_000, writebackWithinMs: 120_000, scanIntervalMs: 1000 };
        const make = (redis: Redis) => new SlaTracker({ redis, prefix: test.prefix, logger: createLogger({ level: 'silent' }), metrics, reporter, sla });
        const [a, b] = [make(redisA), make(redisB)];
        const t0 = 1_700_000_000_000;
        await a.start('ack', '0a3000000000001AAA', '1Os000000000001AAA', t0);
        await a.start('ack', '0a3000000000002AAA', '1Os000000000002AAA', t0);
        await a.start('writeback', '0a3000000000003AAA', '1Os000000000003AAA', t0);
        await b.complete('ack', '0a3000000000002AAA');

        expect(await a.scan(t0 + 59_000)).to.equal(0);
        const claimed = await Promise.all([a.scan(t0 + 61_000), b.scan(t0 + 61_000)]);
        expect(claimed[0] + claimed[1]).to.equal(1);
        expect(reporter.exceptions).to.have.length(1);
        expect(reporter.exceptions[0]).to.include({ orderSummaryId: '1Os000000000001AAA', attachedToId: '0a3000000000001AAA', externalReference: 'sla.ack:0a3000000000001AAA' });
        expect(reporter.exceptions[0].message).to.include('was not acknowledged by the warehouse within 1 min');
        expect(await metrics.slaBreaches.get().then((m) => m.values.find((v) => v.labels.kind === 'ack')?.value)).to.equal(1);

        expect(await b.scan(t0 + 121_000)).to.equal(1);
        await a.complete('ack', '0a3000000000001AAA');
        expect(reporter.openFor('sla.ack:0a3000000000001AAA')).to.have.length(0);
        expect(reporter.openFor('sla.writeback:0a3000000000003AAA')).to.have.length(1);
    });
});
