/**
 * A replayed event never submits twice: the bridge is restarted on the same Redis prefix and made to
 * replay every retained event from the start (-2), first with the intake's own duplicate markers in
 * place, then with them and every finished event and submit job gone, so only the flow's decision can
 * stop a second submission. The warehouse sees each fulfilment order once either way.
 */
import { expect } from 'chai';
import { deleteByPattern } from '../support/redis.ts';
import { OrderToCashHarness, waitUntil } from './order-to-cash-harness.ts';

describe('e2e: order to cash — replayed events', function () {
    this.timeout(45_000);
    let harness: OrderToCashHarness;

    beforeEach(async () => {
        harness = await OrderToCashHarness.start();
    });

    afterEach(async () => {
        await harness?.stop();
    });

    const checkpointsKey = () => `${harness.config.redis.prefix}:intake:checkpoints`;

    /** Rewinds every channel checkpoint to "all retained events" (as after a lost checkpoint); returns the channels that had seen events. */
    async function rewindCheckpoints(): Promise<string[]> {
        const checkpoints = await harness.redis.client.hgetall(checkpointsKey());
        const seen = Object.entries(checkpoints).filter(([, raw]) => JSON.parse(raw).replayId !== '-2');
        expect(seen.length, 'channels that have seen events').to.be.greaterThan(0);
        for (const [channel, raw] of Object.entries(checkpoints)) {
            await harness.redis.client.hset(checkpointsKey(), channel, JSON.stringify({ ...JSON.parse(raw), replayId: '-2' }));
        }
        return seen.map(([channel]) => channel);
    }

    /** Resolves once every named channel has been replayed up to a real replay ID again. */
    function replayedUpTo(channels: string[]): Promise<true> {
        return waitUntil(`the intake to replay ${channels.join(', ')}`, async () => {
            const checkpoints = await harness.redis.client.hgetall(checkpointsKey());
            return channels.every((c) => checkpoints[c] && JSON.parse(checkpoints[c]).replayId !== '-2');
        });
    }

    async function completedEventJobs(): Promise<number> {
        return harness.bridge.host.producer.queue('sf-events').getCompletedCount();
    }

    it('a replayed event never submits twice, across restarts on the same prefix', async () => {
        const orders = [harness.placeOrder({ seed: 41, lines: 1 }), harness.placeOrder({ seed: 42, lines: 2 })];
        const foIds = orders.flatMap((o) => o.fulfillmentOrderIds);
        for (const foId of foIds) await harness.waitForWmsNumber(foId);
        // One order is finished entirely, the other is still with the warehouse.
        await harness.advanceWarehouse(foIds[0], 'shipped');
        await harness.waitForFulfillmentOrder(foIds[0], 'Fulfilled', (r) => r.Status === 'Fulfilled');
        const eventsBefore = await completedEventJobs();
        expect(eventsBefore).to.be.greaterThan(0);

        // 1. Replay everything; the intake's duplicate markers recognise every event.
        let replayed: string[] = [];
        await harness.restartBridge(async () => {
            replayed = await rewindCheckpoints();
        });
        await replayedUpTo(replayed);
        const stats = await harness.redis.client.hgetall(`${harness.config.redis.prefix}:intake:stats`);
        const duplicates = Object.entries(stats)
            .filter(([name]) => name.startsWith('duplicate:'))
            .reduce((sum, [, count]) => sum + Number(count), 0);
        expect(duplicates, 'replayed events recognised as duplicates').to.be.at.least(eventsBefore);
        for (const foId of foIds) expect(harness.submissionsOf(foId), `submissions of ${foId} after the first replay`).to.have.length(1);

        // 2. Replay everything again with the markers and finished jobs gone: each event becomes a
        //    job again, and the decision reads each fulfilment order as already with the warehouse.
        await harness.restartBridge(async () => {
            replayed = await rewindCheckpoints();
            await deleteByPattern(harness.redis.client, `${harness.config.redis.prefix}:intake:dedup:*`);
            for (const queue of ['sf-events', 'wms-outbound'] as const) await harness.bridge.host.producer.queue(queue).clean(0, 100_000, 'completed');
        });
        await replayedUpTo(replayed);
        await waitUntil('the replayed events to run as jobs again', async () => (await completedEventJobs()) >= eventsBefore);
        await harness.waitForQueuesIdle('sf-events', 'wms-outbound');
        for (const foId of foIds) {
            expect(harness.submissionsOf(foId), `submissions of ${foId} after the second replay`).to.have.length(1);
        }
        expect(harness.fulfillmentOrder(foIds[0]).Status).to.equal('Fulfilled');
        expect(harness.shipmentsOf(foIds[0])).to.have.length(1);
        expect(await harness.bridge.deadLetterCount()).to.equal(0);
    });
});
