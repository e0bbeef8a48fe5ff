import { expect } from 'chai';
import { IntakeHarness, FO_CHANNEL, RESEND_CHANNEL } from './intake-harness.ts';
import { jobIdentities, published } from './event-identity.ts';
import type { BusEvent } from '../../../bridge/src/emulator/contracts.ts';

/** The bus's own emit: stores an event with a replay ID and fans it out to CometD, whatever its payload. */
interface RawBus {
    emit(channels: string[], schema: string, payload: unknown, eventUuid?: string): BusEvent[];
}

describe('intake on the emulator: malformed events', function () {
    this.timeout(40_000);
    let harness: IntakeHarness;

    beforeEach(async () => {
        harness = await IntakeHarness.open();
    });
    afterEach(async () => {
        await harness.close();
    });

    it('parks a malformed event as a visible exception with its replay ID and raw payload, then processes the next event', async () => {
        const [foId] = harness.placeOrder(51).fulfillmentOrderIds;
        const conn = await harness.userConnection();
        await harness.startIntake();
        const bus = harness.emulator.bus as unknown as RawBus;

        const [brokenChange] = bus.emit([FO_CHANNEL], 'broken-schema', {
            ChangeEventHeader: { entityName: 'FulfillmentOrder', recordIds: [foId], changeType: 'UPDATE' }
        });
        await conn
            .sobject('FulfillmentOrder')
            .update({ Id: foId, Last_Integration_Error__c: 'after the broken change event' });
        const [brokenPlatformEvent] = bus.emit([RESEND_CHANNEL], 'broken-schema', null, 'broken-event-uuid');
        await harness.publishResend(conn, 'after the broken platform event');

        for (const channel of [FO_CHANNEL, RESEND_CHANNEL])
            await harness.waitForCheckpoint(channel, published(harness.emulator, channel).at(-1)!.replayId);
        const identities = jobIdentities(await harness.payloads());
        expect(identities).to.have.length(2);
        expect(identities).to.include(published(harness.emulator, RESEND_CHANNEL).at(-1)!.eventUuid);

        const exceptions = await harness.intakeExceptions();
        expect(exceptions.map((e) => [e.channel, e.replayId])).to.deep.equal([
            [FO_CHANNEL, String(brokenChange.replayId)],
            [RESEND_CHANNEL, String(brokenPlatformEvent.replayId)]
        ]);
        expect(exceptions[0].reason).to.match(/transactionKey/);
        expect(exceptions[0].raw).to.deep.include({ payload: brokenChange.payload });
        expect(exceptions[1].reason).to.match(/payload/);
        const errors = harness.logs.filter(
            (line) =>
                line.level === 50 &&
                line.msg === 'malformed event parked as an intake exception; continuing with the next event'
        );
        expect(errors.map((line) => line.replayId)).to.deep.equal([
            String(brokenChange.replayId),
            String(brokenPlatformEvent.replayId)
        ]);
        const stats = await harness.redis.client.hgetall(harness.keys.stats);
        expect(stats[`malformed:${FO_CHANNEL}`]).to.equal('1');
        expect(stats[`malformed:${RESEND_CHANNEL}`]).to.equal('1');
    });
});
