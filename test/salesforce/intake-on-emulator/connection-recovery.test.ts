import { expect } from 'chai';
import type jsforce from 'jsforce';
import {
    IntakeHarness,
    RESEND_CHANNEL,
    FO_CHANNEL,
    waitFor,
    type IntakeHarnessOptions
} from './intake-harness.ts';
import { jobIdentities, lastReplayId, published, publishedIdentities } from './event-identity.ts';
import type { IntakeHandle } from '../../../bridge/src/salesforce/intake/start-intake.ts';

const CHANNELS = [RESEND_CHANNEL, FO_CHANNEL];

describe('intake on the emulator: connection recovery', function () {
    this.timeout(40_000);
    let harness: IntakeHarness;

    afterEach(async () => {
        await harness?.close();
    });

    /** Publishes `count` events: platform events and FulfillmentOrder updates, alternating. */
    async function publishMixed(
        conn: jsforce.Connection,
        foId: string,
        label: string,
        count: number
    ): Promise<void> {
        for (let i = 0; i < count; i++) {
            if (i % 2 === 0) await harness.publishResend(conn, `${label}-${i}`);
            else
                await conn
                    .sobject('FulfillmentOrder')
                    .update({ Id: foId, Last_Integration_Error__c: `${label}-${i}` });
        }
    }

    /** Every event published since `before` is queued exactly once and the checkpoints reached the newest events. */
    async function expectExactlyOnce(before: number): Promise<void> {
        const expected = publishedIdentities(harness.emulator, CHANNELS, before);
        await harness.waitForJobCount(expected.length, 'every published event');
        for (const channel of CHANNELS)
            await harness.waitForCheckpoint(channel, published(harness.emulator, channel).at(-1)!.replayId);
        const identities = jobIdentities(await harness.payloads());
        expect(new Set(identities).size, 'no event queued twice').to.equal(identities.length);
        expect([...identities].sort()).to.deep.equal([...expected].sort());
    }

    const reconnectLogs = (reason: string) =>
        harness.logs.filter(
            (line) =>
                line.msg === 'streaming connection ended; reconnecting from the checkpoint' &&
                line.reason === reason
        ).length;

    async function setUp(
        options: IntakeHarnessOptions = {}
    ): Promise<{ intake: IntakeHandle; conn: jsforce.Connection; foId: string; before: number }> {
        harness = await IntakeHarness.open(options);
        const conn = await harness.userConnection();
        const foId = harness.placeOrder(2).fulfillmentOrderIds[0];
        const before = lastReplayId(harness.emulator, CHANNELS);
        const intake = await harness.startIntake();
        await publishMixed(conn, foId, 'before-fault', 2);
        await harness.waitForJobCount(2, 'events before the fault');
        return { intake, conn, foId, before };
    }

    it('recovers from an expired session: renews the token, resubscribes from the checkpoint', async () => {
        const { intake, foId, before } = await setUp();
        const reconnects = intake.status().reconnects;
        await harness.admin('/sessions/expire');
        // The user's session ended too; a fresh one publishes while intake is recovering.
        const conn = await harness.userConnection();
        await publishMixed(conn, foId, 'after-expiry', 4);
        await expectExactlyOnce(before);
        expect(intake.status().reconnects).to.be.greaterThan(reconnects);
        expect(reconnectLogs('auth')).to.be.at.least(1);
    });

    it('recovers from a forgotten CometD client (403::Unknown client)', async () => {
        const { intake, conn, foId, before } = await setUp();
        const reconnects = intake.status().reconnects;
        await harness.admin('/cometd/forget-clients');
        await publishMixed(conn, foId, 'after-forget', 4);
        await expectExactlyOnce(before);
        expect(intake.status().reconnects).to.be.greaterThan(reconnects);
        expect(reconnectLogs('unknown-client')).to.be.at.least(1);
    });

    it('recovers from dropped connections, including events published while they drop', async () => {
        const { conn, foId, before } = await setUp();
        // Direct handle: the next CometD requests (the long poll's successors) are closed without an answer.
        harness.emulator.faults.dropNext(2);
        // Published straight on the bus, so no REST call takes one of the drops.
        for (let i = 0; i < 2; i++)
            harness.emulator.bus.publishPlatformEvent(
                'OMS_Resend_Request__e',
                { Reason__c: `during-drop-${i}` },
                { userId: harness.emulator.credentials.userId }
            );
        await waitFor(
            'the dropped connections to hit the CometD client',
            () => harness.emulator.faults.status().connectionsToDrop === 0
        );
        await publishMixed(conn, foId, 'after-drop', 4);
        await expectExactlyOnce(before);
    });

    it('reconnects a silent connection (watchdog) without losing or duplicating events', async () => {
        // The server holds each long poll far longer than intake tolerates silence.
        const { intake, conn, foId, before } = await setUp({
            emulator: { longPollTimeoutMs: 30_000, reconnectWindowMs: 30_000 },
            streaming: { silenceTimeoutMs: 1000 }
        });
        await waitFor('the silence watchdog to force a reconnect', () => reconnectLogs('silent') >= 1);
        await publishMixed(conn, foId, 'after-silence', 4);
        await expectExactlyOnce(before);
        expect(intake.status().reconnects).to.be.at.least(1);
    });
});
