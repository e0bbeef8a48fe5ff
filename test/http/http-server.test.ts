import { expect } from 'chai';
import { TransientError, PermanentError } from '../../bridge/src/errors/bridge-error.ts';
import { createHttpServer, type HttpServer } from '../../bridge/src/http/http-server.ts';
import { createLogger } from '../../bridge/src/observability/logger.ts';
import { pipelineFixture, FO1, FO2, OS1, OS2, type PipelineFixture } from '../queue/support/pipeline-fixture.ts';

/** The value of one sample line of a Prometheus exposition, or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
    for (const line of text.split('\n')) {
        if (!line.startsWith(`${name}{`)) continue;
        if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').pop());
    }
    return 0;
}

describe('http/http-server', () => {
    let fx: PipelineFixture;
    let server: HttpServer;
    let base: string;
    beforeEach(async () => {
        fx = await pipelineFixture('http');
        server = createHttpServer({ host: '127.0.0.1', port: 0, logger: createLogger({ level: 'silent' }), metrics: fx.metrics });
        base = `http://127.0.0.1:${(await server.listen()).port}`;
    });
    afterEach(async () => {
        await server.close();
        await fx.close();
    });

    it('answers /healthz and reports each readiness check on /readyz', async () => {
        expect((await fetch(`${base}/healthz`)).status).to.equal(200);
        server.readiness.register('redis', async () => {
            await fx.redis.ping();
            return 'PONG';
        });
        expect((await fetch(`${base}/readyz`)).status).to.equal(200);
        const remove = server.readiness.register('salesforce-auth', async () => {
            throw new Error('token endpoint answered invalid_grant');
        });
        const res = await fetch(`${base}/readyz`);
        expect(res.status).to.equal(503);
        expect(await res.json()).to.deep.equal({
            ready: false,
            checks: { redis: { ok: true, detail: 'PONG' }, 'salesforce-auth': { ok: false, detail: 'token endpoint answered invalid_grant' } }
        });
        remove();
        expect((await fetch(`${base}/readyz`)).status).to.equal(200);
    });

    it('exposes pipeline figures on /metrics and they move when work flows', async () => {
        let calls = 0;
        const host = fx.host().handle('wms.submit', async (_job, ctx) => {
            calls += 1;
            if (ctx.payload.fulfillmentOrderId === FO2) throw new PermanentError('UNKNOWN_LOCATION', 'location WH-9 is not mapped');
            if (calls === 1) throw new TransientError('TIMEOUT', 'WMS did not answer');
            return 'ok';
        });
        await host.start();
        const before = await (await fetch(`${base}/metrics`)).text();
        expect(sample(before, 'omsb_job_duration_seconds_count', { queue: 'wms-outbound', outcome: 'success' })).to.equal(0);

        await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO1, orderSummaryId: OS1, version: 1, committedAt: Date.now() - 2000 }, { correlationId: 'm-1' });
        await host.producer.enqueue('wms-outbound', 'wms.submit', { fulfillmentOrderId: FO2, orderSummaryId: OS2, version: 1 }, { correlationId: 'm-2' });
        await fx.waitForFinished('wms-outbound', 2);
        fx.metrics.setReplayLag('/data/FulfillmentOrderChangeEvent', Date.now() - 5000);
        expect(fx.metrics.recordSalesforceLimitInfo('api-usage=10018/100000; api-bursts=1/750')).to.deep.equal({
            'api-usage': { used: 10018, max: 100000 },
            'api-bursts': { used: 1, max: 750 }
        });

        const res = await fetch(`${base}/metrics`);
        expect(res.headers.get('content-type')).to.match(/text\/plain/);
        const text = await res.text();
        expect(sample(text, 'omsb_job_duration_seconds_count', { queue: 'wms-outbound', type: 'wms.submit', outcome: 'success' })).to.equal(1);
        expect(sample(text, 'omsb_end_to_end_latency_seconds_count', { queue: 'wms-outbound' })).to.equal(1);
        expect(sample(text, 'omsb_end_to_end_latency_seconds_bucket', { queue: 'wms-outbound', le: '1' })).to.equal(0);
        expect(sample(text, 'omsb_job_failures_total', { class: 'TransientError', code: 'TIMEOUT' })).to.equal(1);
        expect(sample(text, 'omsb_job_failures_total', { class: 'PermanentError', code: 'UNKNOWN_LOCATION' })).to.equal(1);
        expect(sample(text, 'omsb_queue_jobs', { queue: 'wms-outbound', state: 'completed' })).to.equal(1);
        expect(sample(text, 'omsb_queue_jobs', { queue: 'wms-outbound', state: 'failed' })).to.equal(1);
        expect(sample(text, 'omsb_dead_letter_jobs', { queue: 'wms-outbound' })).to.equal(1);
        expect(sample(text, 'omsb_replay_lag_seconds', { channel: '/data/FulfillmentOrderChangeEvent' })).to.be.at.least(5);
        expect(sample(text, 'omsb_salesforce_api_usage', { limit: 'api-usage', figure: 'used' })).to.equal(10018);
    });
});
