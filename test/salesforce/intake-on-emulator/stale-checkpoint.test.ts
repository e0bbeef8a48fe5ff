import { expect } from 'chai';
import { IntakeHarness, FO_CHANNEL, waitFor } from './intake-harness.ts';
import { jobIdentities, published, publishedIdentities } from './event-identity.ts';

/** Polls until the wall clock is in a later second than `epochMs` (SOQL datetimes have second precision). */
async function nextSecondAfter(epochMs: number): Promise<void> {
    await waitFor(
        'the clock to pass into the next second',
        () => Math.floor(Date.now() / 1000) > Math.floor(epochMs / 1000),
        5000
    );
}

describe('intake on the emulator: expired checkpoint', function () {
    this.timeout(40_000);
    let harness: IntakeHarness;

    beforeEach(async () => {
        // The orders placed before intake first subscribes must stay out of the stream even if a reconnect
        // happens before the first event arrives: no allowance for clock skew at installation.
        harness = await IntakeHarness.open({ channels: [FO_CHANNEL], streaming: { clockSkewMs: 0 } });
    });
    afterEach(async () => {
        await harness.close();
    });

    it('reconciles exactly the records changed since the checkpoint and records the gap window', async () => {
        const conn = await harness.userConnection();
        const untouched = harness.placeOrder(11).fulfillmentOrderIds;
        const [checkpointed] = harness.placeOrder(12).fulfillmentOrderIds;
        const [changedInGap] = harness.placeOrder(13).fulfillmentOrderIds;
        await nextSecondAfter(Date.now());

        const first = await harness.startIntake();
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: checkpointed, Last_Integration_Error__c: 'checkpointed change' });
        const checkpointEvent = published(harness.emulator, FO_CHANNEL).at(-1)!;
        await harness.waitForCheckpoint(FO_CHANNEL, checkpointEvent.replayId);
        const checkpoint = (await harness.intakeCheckpoints()).get(FO_CHANNEL)!;
        await harness.stopIntake(first);

        // The gap: changes whose events are purged before intake comes back.
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: changedInGap, Last_Integration_Error__c: 'changed in the gap' });
        const createdInGap = harness.placeOrder(14).fulfillmentOrderIds;
        await harness.admin('/events/purge', { olderThanMs: 0 });
        expect(harness.emulator.bus.isReplayIdValid(FO_CHANNEL, checkpointEvent.replayId)).to.equal(false);
        // Still retained: replayed from -2 as an ordinary event after the resubscription.
        const afterPurgeMarker = published(harness.emulator, FO_CHANNEL).at(-1)?.replayId ?? 0;
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: changedInGap, Last_Integration_Error__c: 'changed after the purge' });

        await harness.startIntake();
        const expectedReconciled = [checkpointed, changedInGap, ...createdInGap].sort();
        const retainedIdentities = publishedIdentities(harness.emulator, [FO_CHANNEL], afterPurgeMarker);
        expect(retainedIdentities).to.have.length(1);
        const firstRunJobs = 1;
        const payloads = await harness.waitForJobCount(
            firstRunJobs + expectedReconciled.length + retainedIdentities.length,
            'reconciliation and replay'
        );
        await harness.waitForCheckpoint(FO_CHANNEL, published(harness.emulator, FO_CHANNEL).at(-1)!.replayId);

        const reconciled = payloads.filter((p) => p.kind === 'reconcile');
        expect(reconciled.map((p) => p.recordId).sort(), 'reconciled records').to.deep.equal(
            expectedReconciled
        );
        for (const id of untouched) expect(reconciled.map((p) => p.recordId)).to.not.include(id);
        expect(
            reconciled.every((p) => p.entityName === 'FulfillmentOrder' && p.changeType === 'RECONCILE')
        ).to.equal(true);
        const streamed = jobIdentities(await harness.payloads());
        expect(streamed).to.have.length(firstRunJobs + retainedIdentities.length);
        expect(streamed).to.include.members(retainedIdentities);

        const gaps = await harness.intakeGaps();
        expect(gaps).to.have.length(1);
        expect(gaps[0]).to.include({
            channel: FO_CHANNEL,
            fromReplayId: String(checkpointEvent.replayId),
            fromTime: String(checkpoint.eventTime)
        });
        expect(Number(gaps[0].detectedAt)).to.be.at.least(checkpoint.eventTime);
        expect(gaps[0].reason).to.match(/replayId/);
        const alert = harness.logs.find((line) => line.msg?.startsWith('replay ID no longer retained'));
        expect(alert?.level, 'the gap is logged as an error').to.equal(50);
    });

    it('reconciles a gap larger than one query batch (follows nextRecordsUrl) with one job per record', async () => {
        const conn = await harness.userConnection();
        const [checkpointed] = harness.placeOrder(15).fulfillmentOrderIds;
        // Its sibling fulfillment orders lie in an earlier second than the checkpointed change.
        await nextSecondAfter(Date.now());
        const first = await harness.startIntake();
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: checkpointed, Last_Integration_Error__c: 'checkpointed change' });
        await harness.waitForCheckpoint(FO_CHANNEL, published(harness.emulator, FO_CHANNEL).at(-1)!.replayId);
        await harness.stopIntake(first);

        const createdInGap: string[] = [];
        // More fulfillment orders than one SOQL batch (2,000 records).
        for (let seed = 100; createdInGap.length <= 2100; seed++)
            createdInGap.push(...harness.placeOrder(seed).fulfillmentOrderIds);
        await harness.admin('/events/purge', { olderThanMs: 0 });

        await harness.startIntake();
        const expected = new Set([checkpointed, ...createdInGap]);
        await harness.waitForJobCount(1 + expected.size, 'reconciliation of the whole gap', 30_000);
        const reconciled = (await harness.payloads())
            .filter((p) => p.kind === 'reconcile')
            .map((p) => p.recordId as string);
        expect(reconciled).to.have.length(expected.size);
        expect(new Set(reconciled)).to.deep.equal(expected);
    });
});
