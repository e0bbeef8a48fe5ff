import { expect } from 'chai';
import { IntakeHarness, RESEND_CHANNEL, FO_CHANNEL, waitFor } from './intake-harness.ts';
import { jobIdentities, lastReplayId, published, publishedIdentities } from './event-identity.ts';

const CHANNELS = [RESEND_CHANNEL, FO_CHANNEL];

describe('intake on the emulator: restart', function () {
    this.timeout(40_000);
    let harness: IntakeHarness;

    beforeEach(async () => {
        harness = await IntakeHarness.open();
    });
    afterEach(async () => {
        await harness.close();
    });

    it('receives every event published while stopped after a restart, none twice', async () => {
        const conn = await harness.userConnection();
        const [foId] = harness.placeOrder(1).fulfillmentOrderIds;
        const [otherFoId] = harness.placeOrder(2).fulfillmentOrderIds;
        const before = lastReplayId(harness.emulator, CHANNELS);

        const first = await harness.startIntake();
        await harness.publishResend(conn, 'before-0');
        await conn.sobject('FulfillmentOrder').update({ Id: foId, Last_Integration_Error__c: 'before stop' });
        await harness.waitForJobCount(2, 'events while running');
        await harness.stopIntake(first);

        for (let i = 0; i < 5; i++) await harness.publishResend(conn, `while-stopped-${i}`);
        for (let i = 0; i < 3; i++)
            await conn
                .sobject('FulfillmentOrder')
                .update({ Id: foId, Last_Integration_Error__c: `while stopped ${i}` });
        // One collection call, two different changes: one transaction, sequenceNumber 1 and 2.
        await conn.sobject('FulfillmentOrder').update([
            { Id: foId, Last_Integration_Error__c: 'first of two' },
            { Id: otherFoId, Last_Integration_Error__c: 'second of two' }
        ]);
        // Now both were last modified by the same user, an identical change is one event listing both (fans out).
        await conn.sobject('FulfillmentOrder').update([
            { Id: foId, Last_Integration_Error__c: 'both' },
            { Id: otherFoId, Last_Integration_Error__c: 'both' }
        ]);
        const multiRecord = published(harness.emulator, FO_CHANNEL).at(-1)!;
        expect((multiRecord.payload.ChangeEventHeader as { recordIds: string[] }).recordIds).to.have.members([
            foId,
            otherFoId
        ]);
        const expected = publishedIdentities(harness.emulator, CHANNELS, before);
        expect(expected).to.have.length(14);

        await harness.startIntake();
        await harness.waitForJobCount(expected.length, 'replay after restart');
        for (const channel of CHANNELS)
            await harness.waitForCheckpoint(channel, published(harness.emulator, channel).at(-1)!.replayId);
        const identities = jobIdentities(await harness.payloads());
        expect(identities).to.have.length(expected.length);
        expect(new Set(identities).size).to.equal(identities.length);
        expect([...identities].sort()).to.deep.equal([...expected].sort());
    });

    it('after a restart, does not replay what a quiet channel carried before intake first subscribed', async () => {
        const conn = await harness.userConnection();
        // History from before the bridge existed: the order's change events are retained on the FO channel.
        const [foId] = harness.placeOrder(3).fulfillmentOrderIds;
        const placedAt = Date.now();
        await waitFor('the clock to move past the pre-install events', () => Date.now() > placedAt);
        const before = lastReplayId(harness.emulator, CHANNELS);
        expect(publishedIdentities(harness.emulator, [FO_CHANNEL])).to.not.have.length(0);

        const first = await harness.startIntake();
        await harness.publishResend(conn, 'only the resend channel sees traffic');
        await harness.waitForJobCount(1, 'the first run');
        await harness.stopIntake(first);
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: foId, Last_Integration_Error__c: 'while stopped' });

        await harness.startIntake();
        const expected = publishedIdentities(harness.emulator, CHANNELS, before);
        expect(expected).to.have.length(2);
        await harness.waitForCheckpoint(FO_CHANNEL, published(harness.emulator, FO_CHANNEL).at(-1)!.replayId);
        const identities = jobIdentities(await harness.payloads());
        expect([...identities].sort()).to.deep.equal([...expected].sort());
        const stats = await harness.redis.client.hgetall(harness.keys.stats);
        expect(Number(stats[`predates-intake:${FO_CHANNEL}`])).to.be.at.least(1);
    });
});
