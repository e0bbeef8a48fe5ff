import { expect } from 'chai';
import { IntakeHarness, FO_CHANNEL } from './intake-harness.ts';
import { published } from './event-identity.ts';
import { orderToCashIgnores } from '../../../bridge/src/flows/order-to-cash/salesforce-event-facts.ts';
import { BridgeMetrics } from '../../../bridge/src/observability/bridge-metrics.ts';

const CREATED = '/event/OrderSummaryCreatedEvent';
const FO_STATUS = '/event/FOStatusChangedEvent';

describe('intake on the emulator: events no flow acts on', function () {
    this.timeout(40_000);
    let harness: IntakeHarness | undefined;

    afterEach(async () => {
        await harness?.close();
        harness = undefined;
    });

    it('checkpoints and counts them without a job, and queues the rest of the same order', async () => {
        harness = await IntakeHarness.open({ channels: [FO_CHANNEL, CREATED, FO_STATUS] });
        const metrics = new BridgeMetrics();
        await harness.startIntake({ ignores: orderToCashIgnores, metrics: metrics.intakeHook });
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder(51);
        const [created] = published(harness.emulator, CREATED);
        const foEvents = published(harness.emulator, FO_CHANNEL);
        const statusEvents = published(harness.emulator, FO_STATUS);
        expect(created.payload.OrderSummaryId).to.equal(orderSummaryId);
        await harness.waitForCheckpoint(CREATED, created.replayId);
        await harness.waitForCheckpoint(FO_CHANNEL, foEvents.at(-1)!.replayId);
        await harness.waitForCheckpoint(FO_STATUS, statusEvents.at(-1)!.replayId);

        const payloads = await harness.payloads();
        expect(payloads.map((p) => p.channel)).to.not.include(CREATED);
        expect(payloads.filter((p) => p.channel === FO_CHANNEL).map((p) => p.recordId).sort()).to.deep.equal([...fulfillmentOrderIds].sort());
        expect(payloads.filter((p) => p.channel === FO_STATUS)).to.have.length(fulfillmentOrderIds.length);
        const stats = await harness.redis.client.hgetall(harness.keys.stats);
        expect(stats[`ignored:${CREATED}`]).to.equal('1');
        const counted = (await metrics.intakeEvents.get()).values.map((v) => [v.labels.channel, v.labels.outcome, v.value]);
        expect(counted).to.deep.include.members([
            [CREATED, 'ignored', 1],
            [FO_STATUS, 'enqueued', fulfillmentOrderIds.length]
        ]);
        expect(harness.logs.some((l) => l.msg?.includes('no flow acts on this event') && l.reason === `no order-to-cash action for ${CREATED}`)).to.equal(true);
    });

    it('queues them all when intake.queueIgnoredEvents is on', async () => {
        harness = await IntakeHarness.open({ channels: [CREATED], intake: { queueIgnoredEvents: true } });
        await harness.startIntake({ ignores: orderToCashIgnores });
        const { orderSummaryId } = harness.placeOrder(52);
        const [created] = published(harness.emulator, CREATED);
        await harness.waitForCheckpoint(CREATED, created.replayId);
        const payloads = await harness.payloads();
        expect(payloads.map((p) => [p.channel, p.orderSummaryId])).to.deep.equal([[CREATED, orderSummaryId]]);
    });
});
