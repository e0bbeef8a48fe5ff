import { expect } from 'chai';
import { IntakeHarness, FO_CHANNEL, RESEND_CHANNEL, waitFor } from './intake-harness.ts';
import { published } from './event-identity.ts';

describe('scratch', function () {
    this.timeout(40_000);
    let harness: IntakeHarness;
    afterEach(async () => harness.close());

    it('both channels stale', async () => {
        harness = await IntakeHarness.open();
        const conn = await harness.userConnection();
        const [fo] = harness.placeOrder(1).fulfillmentOrderIds;
        const first = await harness.startIntake();
        await harness.publishResend(conn, 'x');
        await conn.sobject('FulfillmentOrder').update({ Id: fo, Last_Integration_Error__c: 'a' });
        await harness.waitForJobCount(2, 'first');
        await harness.stopIntake(first);
        await harness.publishResend(conn, 'y');
        await conn.sobject('FulfillmentOrder').update({ Id: fo, Last_Integration_Error__c: 'b' });
        await harness.admin('/events/purge', { olderThanMs: 0 });
        await harness.publishResend(conn, 'z');
        const h = await harness.startIntake();
        await waitFor('gaps', async () => (await harness.intakeGaps()).length === 2);
        for (const c of [FO_CHANNEL, RESEND_CHANNEL]) {
            const last = published(harness.emulator, c).at(-1);
            if (last) await harness.waitForCheckpoint(c, last.replayId); else await waitFor('cp -2 ' + c, async () => (await harness.intakeCheckpoints()).get(c)?.replayId === '-2');
        }
        console.log(h.status(), (await harness.payloads()).map((p) => [p.kind, p.channel, p.recordId, p.eventUuid]), await harness.intakeCheckpoints());
    });

    it('soql after session expiry', async () => {
        harness = await IntakeHarness.open({ channels: [FO_CHANNEL] });
        harness.placeOrder(1);
        const h = await harness.startIntake();
        harness.emulator.bus.emitOverflow('FulfillmentOrder');
        await waitFor('overflow 1', async () => (await harness.redis.client.hget(harness.keys.stats, `overflow:${FO_CHANNEL}`)) === '1');
        await harness.admin('/sessions/expire');
        harness.emulator.bus.emitOverflow('FulfillmentOrder');
        await waitFor('overflow 2', async () => (await harness.redis.client.hget(harness.keys.stats, `overflow:${FO_CHANNEL}`)) === '2');
        console.log(h.status().reconnects, harness.logs.filter((l) => l.level >= 40).map((l) => [l.msg, l.reason, l.detail, (l.err as any)?.message]));
    });

    it('forget + drop handshake', async () => {
        harness = await IntakeHarness.open();
        const conn = await harness.userConnection();
        const h = await harness.startIntake();
        await harness.admin('/cometd/forget-clients');
        harness.emulator.faults.dropNext(2);
        await waitFor('drops', () => harness.emulator.faults.status().connectionsToDrop === 0);
        await harness.publishResend(conn, 'after');
        await harness.waitForJobCount(1, 'after');
        console.log(h.status().reconnects, harness.logs.filter((l) => l.level >= 40).map((l) => [l.msg, l.reason, l.detail]));
    });
});
