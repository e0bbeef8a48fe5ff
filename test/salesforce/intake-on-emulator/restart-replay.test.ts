import { expect } from 'chai';
import { IntakeHarness, RESEND_CHANNEL, FO_CHANNEL, waitFor } from './intake-harness.ts';
import { published, publishedIdentities, jobIdentities } from './event-identity.ts';

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
        const first = await harness.startIntake();
        for (let i = 0; i < 3; i++) await harness.publishResend(conn, `before-${i}`);
        await harness.waitForJobCount(3, 'events while running');
        await harness.stopIntake(first);

        for (let i = 0; i < 5; i++) await harness.publishResend(conn, `while-stopped-${i}`);
        const [fo] = await conn.query<{ Id: string }>('SELECT Id FROM FulfillmentOrder LIMIT 1').then((r) => r.records);
        expect(fo, 'the emulator has no fulfillment order to change').to.not.equal(undefined);
        await conn.sobject('FulfillmentOrder').update({ Id: fo.Id, Integration_Status__c: 'Sent' });

        await harness.startIntake();
        const expected = publishedIdentities(harness.emulator, [RESEND_CHANNEL, FO_CHANNEL]);
        expect(expected).to.have.length(9);
        await harness.waitForJobCount(expected.length, 'replay after restart');
        // Another round of polling: a late duplicate would show up as an extra job.
        await waitFor('the checkpoint to reach the last published event', async () => {
            const checkpoints = await harness.intakeCheckpoints();
            return checkpoints.get(RESEND_CHANNEL)?.replayId === String(published(harness.emulator, RESEND_CHANNEL).at(-1)?.replayId);
        });
        const identities = jobIdentities(await harness.payloads());
        expect(identities).to.have.length(expected.length);
        expect(new Set(identities).size).to.equal(identities.length);
        expect([...identities].sort()).to.deep.equal([...expected].sort());
    });
});
