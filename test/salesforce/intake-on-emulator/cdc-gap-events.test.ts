import { expect } from 'chai';
import { IntakeHarness, FO_CHANNEL, waitFor } from './intake-harness.ts';
import { published } from './event-identity.ts';

describe('intake on the emulator: CDC gap and overflow events', function () {
    this.timeout(40_000);
    let harness: IntakeHarness;

    beforeEach(async () => {
        harness = await IntakeHarness.open({ channels: [FO_CHANNEL] });
    });
    afterEach(async () => {
        await harness.close();
    });

    it('turns GAP_* events into one re-read job per listed record', async () => {
        const fos = [
            ...harness.placeOrder(21).fulfillmentOrderIds,
            ...harness.placeOrder(22).fulfillmentOrderIds
        ];
        await harness.startIntake();
        await harness.admin('/events/gap', {
            entityName: 'FulfillmentOrder',
            recordIds: fos,
            changeType: 'GAP_UPDATE'
        });
        await harness.admin('/events/gap', {
            entityName: 'FulfillmentOrder',
            recordIds: [fos[0]],
            changeType: 'GAP_DELETE'
        });
        const payloads = await harness.waitForJobCount(fos.length + 1, 're-read jobs');
        await harness.waitForCheckpoint(FO_CHANNEL, published(harness.emulator, FO_CHANNEL).at(-1)!.replayId);

        expect(payloads.every((p) => p.kind === 'reread' && p.entityName === 'FulfillmentOrder')).to.equal(
            true
        );
        const updates = payloads.filter((p) => p.changeType === 'GAP_UPDATE').map((p) => p.recordId);
        expect(updates.sort()).to.deep.equal([...fos].sort());
        expect(payloads.filter((p) => p.changeType === 'GAP_DELETE').map((p) => p.recordId)).to.deep.equal([
            fos[0]
        ]);
        expect(await harness.jobs()).to.have.length(fos.length + 1);
    });

    it('turns GAP_OVERFLOW into a reconciliation of that entity since the overflowing commit', async () => {
        const earlier = harness.placeOrder(31).fulfillmentOrderIds;
        const changed = [
            ...harness.placeOrder(32).fulfillmentOrderIds,
            ...harness.placeOrder(33).fulfillmentOrderIds
        ];
        const placedAt = Date.now();
        await harness.startIntake();
        // The overflowing commit and its records share one second, as in a mass update (SOQL compares to the
        // second), and the earlier orders lie in an earlier second.
        await waitFor(
            'the first half of a later second',
            () => Math.floor(Date.now() / 1000) > Math.floor(placedAt / 1000) && Date.now() % 1000 < 500,
            5000
        );
        const { store, bus } = harness.emulator;
        store.transaction(
            { userId: harness.emulator.credentials.userId, api: 'com/salesforce/api/rest/66.0' },
            (tx) => {
                for (const id of changed)
                    tx.update('FulfillmentOrder', id, { Last_Integration_Error__c: 'mass update' });
            }
        );
        const [overflow] = bus.emitOverflow('FulfillmentOrder');
        expect(Math.floor(overflow.publishedAt / 1000)).to.equal(
            Math.floor(Date.parse(String(store.get(changed[0])?.SystemModstamp)) / 1000)
        );

        await harness.waitForCheckpoint(FO_CHANNEL, overflow.replayId);
        const payloads = await harness.payloads();
        const reconciled = payloads.filter((p) => p.kind === 'reconcile');
        expect(reconciled.map((p) => p.recordId).sort()).to.deep.equal([...changed].sort());
        for (const id of earlier) expect(reconciled.map((p) => p.recordId)).to.not.include(id);
        expect(
            reconciled.every((p) => p.changeType === 'GAP_OVERFLOW' && p.entityName === 'FulfillmentOrder')
        ).to.equal(true);
        const stats = await harness.redis.client.hgetall(harness.keys.stats);
        expect(stats[`overflow:${FO_CHANNEL}`]).to.equal('1');
    });
});
