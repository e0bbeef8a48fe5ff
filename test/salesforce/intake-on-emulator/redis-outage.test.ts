import { expect } from 'chai';
import { IntakeHarness, RESEND_CHANNEL, FO_CHANNEL, waitFor } from './intake-harness.ts';
import { jobIdentities, lastReplayId, published, publishedIdentities } from './event-identity.ts';
import { redisServerBinary, startPrivateRedis, type PrivateRedis } from '../../support/redis.ts';

const CHANNELS = [RESEND_CHANNEL, FO_CHANNEL];

describe('intake on the emulator: Redis outage', function () {
    this.timeout(60_000);
    let harness: IntakeHarness | undefined;
    let redis: PrivateRedis | undefined;

    before(function () {
        if (!redisServerBinary()) this.skip();
    });
    afterEach(async () => {
        await harness?.close();
        await redis?.stop();
    });

    it('stops taking events while Redis is down and resumes from the checkpoint when it returns', async () => {
        redis = await startPrivateRedis({ appendOnly: true });
        harness = await IntakeHarness.open({ redisUrl: redis.url });
        const conn = await harness.userConnection();
        const [foId] = harness.placeOrder(71).fulfillmentOrderIds;
        const before = lastReplayId(harness.emulator, CHANNELS);
        const intake = await harness.startIntake();
        await harness.publishResend(conn, 'before-outage');
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: foId, Last_Integration_Error__c: 'before outage' });
        await harness.waitForJobCount(2, 'events before the outage');

        await redis.stop({ keepDir: true });
        for (let i = 0; i < 3; i++) await harness.publishResend(conn, `during-outage-${i}`);
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: foId, Last_Integration_Error__c: 'during outage' });
        // Either the failed write ends the connection or the unrenewable lease ends the term: both unsubscribe.
        const h = harness;
        await waitFor('intake to let go of the subscription while Redis is down', () =>
            h.logs.some((line) =>
                /lease renewal failing|reconnecting from the checkpoint/.test(
                    `${String(line.reason)} ${line.msg ?? ''}`
                )
            )
        );
        expect(
            intake.status().channels.some((c) => c.connected),
            'no channel stays subscribed without Redis'
        ).to.equal(false);

        await redis.restart();
        await harness.publishResend(conn, 'after-outage');
        const expected = publishedIdentities(harness.emulator, CHANNELS, before);
        expect(expected).to.have.length(7);
        await harness.waitForJobCount(expected.length, 'every event after Redis returned', 30_000);
        for (const channel of CHANNELS)
            await harness.waitForCheckpoint(
                channel,
                published(harness.emulator, channel).at(-1)!.replayId,
                30_000
            );
        const identities = jobIdentities(await harness.payloads());
        expect([...identities].sort()).to.deep.equal([...expected].sort());
    });
});
