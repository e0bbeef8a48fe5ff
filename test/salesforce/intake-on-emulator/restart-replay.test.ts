import { expect } from 'chai';
import { IntakeHarness, RESEND_CHANNEL, FO_CHANNEL } from './intake-harness.ts';
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
        const order = harness.placeOrder(1);
        const [foId] = order.fulfillmentOrderIds;
        const before = lastReplayId(harness.emulator, CHANNELS);

        const first = await harness.startIntake();
        await harness.publishResend(conn, 'before-0');
        await conn.sobject('FulfillmentOrder').update({ Id: foId, Last_Integration_Error__c: 'before stop' });
        await harness.waitForJobCount(2, 'events while running');
        await harness.stopIntake(first);

        for (let i = 0; i < 5; i++) await harness.publishResend(conn, `while-stopped-${i}`);
        for (let i = 0; i < 3; i++) await conn.sobject('FulfillmentOrder').update({ Id: foId, Last_Integration_Error__c: `while stopped ${i}` });
        const expected = publishedIdentities(harness.emulator, CHANNELS, before);
        expect(expected).to.have.length(10);

        await harness.startIntake();
        await harness.waitForJobCount(expected.length, 'replay after restart');
        for (const channel of CHANNELS) await harness.waitForCheckpoint(channel, published(harness.emulator, channel).at(-1)!.replayId);
        const identities = jobIdentities(await harness.payloads());
        expect(identities).to.have.length(expected.length);
        expect(new Set(identities).size).to.equal(identities.length);
        expect([...identities].sort()).to.deep.equal([...expected].sort());
    });
});
