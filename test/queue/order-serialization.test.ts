import { expect } from 'chai';
import { pipelineFixture, type PipelineFixture } from './support/pipeline-fixture.ts';

interface Interval {
    order: string;
    start: number;
    end: number;
}

function overlaps(a: Interval, b: Interval): boolean {
    return a.start < b.end && b.start < a.end;
}

const orderId = (n: number) => `1Os00000000000${n}AAA`;
const foId = (n: number) => `0a3${String(n).padStart(15, '0')}`;

describe('queue/order serialization', () => {
    let fx: PipelineFixture;
    beforeEach(async () => {
        fx = await pipelineFixture('ord');
    });
    afterEach(async () => {
        await fx.close();
    });

    it('never overlaps two jobs of one order, across two worker hosts, while other orders run in parallel', async () => {
        const intervals: Interval[] = [];
        const handler = async (_job: unknown, ctx: { orderKey?: string }) => {
            const start = performance.timeOrigin + performance.now();
            await new Promise((r) => setTimeout(r, 15));
            intervals.push({ order: ctx.orderKey ?? '', start, end: performance.timeOrigin + performance.now() });
        };
        const hosts = [fx.host({ orderBusyDelayMs: 5 }), fx.host({ orderBusyDelayMs: 5 })];
        for (const host of hosts) host.handle('wms.submit', handler).handle('wms.cancel', handler);
        await Promise.all(hosts.map((h) => h.start()));
        const jobs = [];
        for (let n = 0; n < 40; n += 1) {
            const order = n % 4;
            jobs.push(
                hosts[n % 2].producer.enqueue('wms-outbound', n % 3 === 0 ? 'wms.cancel' : 'wms.submit', { fulfillmentOrderId: foId(n), orderSummaryId: orderId(order), version: n }, { correlationId: `c-${n}` })
            );
        }
        await Promise.all(jobs);
        await fx.waitForFinished('wms-outbound', 40, 30_000);
        expect(intervals).to.have.length(40);
        let crossOrderOverlaps = 0;
        for (let i = 0; i < intervals.length; i += 1) {
            for (let j = i + 1; j < intervals.length; j += 1) {
                const [a, b] = [intervals[i], intervals[j]];
                if (a.order === b.order) expect(overlaps(a, b), `two jobs of ${a.order} overlapped`).to.equal(false);
                else if (overlaps(a, b)) crossOrderOverlaps += 1;
            }
        }
        expect(crossOrderOverlaps, 'jobs of different orders should run in parallel').to.be.greaterThan(0);
        const failed = await hosts[0].producer.queue('wms-outbound').getFailedCount();
        expect(failed).to.equal(0);
    });
});
