/**
 * The behaviour every WmsAdapter must show, whatever the vendor behind it. An implementation passes by
 * providing a harness that drives its warehouse (the sandbox's simulator, or a fake vendor API that
 * sends signed webhooks) and running wmsAdapterContract(). The suite checks idempotency, error
 * classification, event order and content, cancel and address-change semantics, and partial, split
 * and short-picked fulfilment.
 */
import { expect } from 'chai';
import { PermanentAdapterError, TransientAdapterError } from '../../bridge/src/adapters/adapter-error.ts';
import type { WmsAdapter } from '../../bridge/src/adapters/wms-adapter.ts';
import { wmsEventSchema, type FulfillmentOrder, type WmsEvent } from '../../bridge/src/model/index.ts';
import { contractFulfillmentOrder } from './contract-fixtures.ts';

export type ContractFault = 'timeout' | 'unavailable' | 'rate_limited';

export interface WmsContractHarness {
    adapter: WmsAdapter;
    /** Moves the order on at the warehouse until `stage`, emitting the events a real warehouse would. */
    advanceTo(fulfillmentOrderId: string, stage: 'acknowledged' | 'picked' | 'packed' | 'shipped'): Promise<void>;
    /** Sets what the warehouse will do at pick time. Call before the order is picked. */
    plan(fulfillmentOrderId: string, plan: { parcels: number; shortLines: { lineRef: string; quantityShort: number }[] }): Promise<void>;
    /** The next outbound call fails as the vendor would on a timeout, a 503 or a 429. */
    failNext(fault: ContractFault): void;
    /** Orders the warehouse holds (to prove retries created no duplicate). */
    vendorOrderCount(): number;
    /** Resolves when every event emitted so far reached the adapter's handlers. */
    settle(): Promise<void>;
    close(): Promise<void>;
}

const opts = (key: string) => ({ idempotencyKey: key, correlationId: `corr-${key}` });

export function wmsAdapterContract(label: string, makeHarness: () => Promise<WmsContractHarness>): void {
    describe(`WmsAdapter contract: ${label}`, function () {
        let harness: WmsContractHarness;
        let events: WmsEvent[];
        let unsubscribe: () => void;

        beforeEach(async () => {
            harness = await makeHarness();
            events = [];
            unsubscribe = harness.adapter.events.onEvent(async (event) => {
                events.push(event);
            });
            await harness.adapter.start();
        });

        afterEach(async () => {
            unsubscribe();
            await harness.close();
        });

        const eventsFor = (fo: FulfillmentOrder) => events.filter((e) => e.fulfillmentOrderId === fo.id);

        it('submits an order and returns the warehouse order number', async () => {
            const fo = contractFulfillmentOrder();
            const result = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            expect(result.accepted).to.equal(true);
            expect(result.wmsOrderNumber).to.be.a('string').and.not.equal('');
            expect(harness.vendorOrderCount()).to.equal(1);
        });

        it('returns the same result for the same idempotency key and creates no second order', async () => {
            const fo = contractFulfillmentOrder();
            const first = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            const second = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            const [third, fourth] = await Promise.all([
                harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`)),
                harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`))
            ]);
            expect([second, third, fourth]).to.deep.equal([first, first, first]);
            expect(harness.vendorOrderCount()).to.equal(1);
        });

        for (const fault of ['timeout', 'unavailable', 'rate_limited'] as const) {
            it(`classifies a ${fault} as transient, and the retry with the same key creates one order`, async () => {
                const fo = contractFulfillmentOrder();
                harness.failNext(fault);
                const error = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`)).then(
                    () => undefined,
                    (err: unknown) => err
                );
                expect(error).to.be.instanceOf(TransientAdapterError);
                expect((error as TransientAdapterError).code).to.equal(fault);
                if (fault === 'rate_limited') expect((error as TransientAdapterError).retryAfterMs).to.be.greaterThan(0);
                const retried = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
                expect(retried.accepted).to.equal(true);
                expect(harness.vendorOrderCount()).to.equal(1);
            });
        }

        it('classifies an unknown SKU as permanent', async () => {
            const fo = contractFulfillmentOrder();
            fo.lines[0] = { ...fo.lines[0], sku: 'SKU-DOES-NOT-EXIST' };
            const error = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`)).catch((err: unknown) => err);
            expect(error).to.be.instanceOf(PermanentAdapterError);
            expect((error as PermanentAdapterError).code).to.equal('unknown_sku');
            expect((error as Error).message).to.contain('SKU-DOES-NOT-EXIST');
        });

        it('emits acknowledged, picked, packed and shipped, valid and in order', async () => {
            const fo = contractFulfillmentOrder();
            const { wmsOrderNumber } = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            await harness.advanceTo(fo.id, 'shipped');
            await harness.settle();
            const mine = eventsFor(fo);
            expect(mine.map((e) => e.type)).to.deep.equal(['acknowledged', 'picked', 'packed', 'shipped']);
            for (const event of mine) {
                expect(wmsEventSchema.safeParse(event).success, JSON.stringify(event)).to.equal(true);
                expect(event.wmsOrderNumber).to.equal(wmsOrderNumber);
            }
            const sequences = mine.map((e) => e.sequence);
            expect(sequences).to.deep.equal([...sequences].sort((a, b) => a - b));
            expect(new Set(mine.map((e) => e.eventId)).size).to.equal(mine.length);
            const shipped = mine[3] as Extract<WmsEvent, { type: 'shipped' }>;
            expect(shipped.shipment.partial).to.equal(false);
            expect(shipped.shipment.trackingNumber).to.not.equal('');
            expect(shipped.shipment.lines.map((l) => [l.fulfillmentOrderLineId, l.quantity])).to.deep.equal(fo.lines.map((l) => [l.id, l.quantity]));
        });

        it('cancels before pick, idempotently, and the order never ships', async () => {
            const fo = contractFulfillmentOrder();
            const { wmsOrderNumber } = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            await harness.advanceTo(fo.id, 'acknowledged');
            const ref = { fulfillmentOrderId: fo.id, wmsOrderNumber };
            expect(await harness.adapter.cancelFulfillmentOrder(ref, opts(`c-${fo.id}`))).to.deep.equal({ status: 'cancelled' });
            expect(await harness.adapter.cancelFulfillmentOrder(ref, opts(`c-${fo.id}`))).to.deep.equal({ status: 'cancelled' });
            expect(await harness.adapter.cancelFulfillmentOrder(ref, opts(`c2-${fo.id}`))).to.deep.equal({ status: 'cancelled' });
            await harness.settle();
            expect(eventsFor(fo).some((e) => e.type === 'shipped')).to.equal(false);
        });

        it('answers too_late to a cancel after pick', async () => {
            const fo = contractFulfillmentOrder();
            const { wmsOrderNumber } = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            await harness.advanceTo(fo.id, 'picked');
            const result = await harness.adapter.cancelFulfillmentOrder({ fulfillmentOrderId: fo.id, wmsOrderNumber }, opts(`c-${fo.id}`));
            expect(result).to.deep.equal({ status: 'too_late', stage: 'picked' });
        });

        it('refuses to cancel an order the warehouse does not have, permanently', async () => {
            const error = await harness.adapter
                .cancelFulfillmentOrder({ fulfillmentOrderId: '0a3NOSUCHORDER', wmsOrderNumber: 'NOPE-1' }, opts('c-none'))
                .catch((err: unknown) => err);
            expect(error).to.be.instanceOf(PermanentAdapterError);
            expect((error as PermanentAdapterError).code).to.equal('not_found');
        });

        it('updates the ship-to before pick and answers too_late after', async () => {
            const fo = contractFulfillmentOrder();
            const { wmsOrderNumber } = await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            const ref = { fulfillmentOrderId: fo.id, wmsOrderNumber };
            const moved = { ...fo.shipTo, lines: ['1 New Street'], singleLine: '1 New Street, Boston, MA 02110, US' };
            expect(await harness.adapter.updateShipTo(ref, moved, opts(`a-${fo.id}`))).to.deep.equal({ status: 'updated' });
            await harness.advanceTo(fo.id, 'picked');
            expect(await harness.adapter.updateShipTo(ref, moved, opts(`a2-${fo.id}`))).to.deep.equal({ status: 'too_late', stage: 'picked' });
        });

        it('ships one order in two parcels: two shipments, the first partial, quantities adding up', async () => {
            const fo = contractFulfillmentOrder();
            await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            await harness.plan(fo.id, { parcels: 2, shortLines: [] });
            await harness.advanceTo(fo.id, 'shipped');
            await harness.settle();
            const shipments = eventsFor(fo).flatMap((e) => (e.type === 'shipped' ? [e.shipment] : []));
            expect(shipments).to.have.length(2);
            expect(shipments.map((s) => s.partial)).to.deep.equal([true, false]);
            expect(new Set(shipments.map((s) => s.wmsShipmentId)).size).to.equal(2);
            const total = (lineId: string) =>
                shipments.flatMap((s) => s.lines).filter((l) => l.fulfillmentOrderLineId === lineId).reduce((n, l) => n + l.quantity, 0);
            for (const line of fo.lines) expect(total(line.id)).to.equal(line.quantity);
        });

        it('reports a short pick before the pick, and ships only what was picked', async () => {
            const fo = contractFulfillmentOrder();
            await harness.adapter.submitFulfillmentOrder(fo, opts(`k-${fo.id}`));
            await harness.plan(fo.id, { parcels: 1, shortLines: [{ lineRef: fo.lines[0].id, quantityShort: 2 }] });
            await harness.advanceTo(fo.id, 'shipped');
            await harness.settle();
            const mine = eventsFor(fo);
            expect(mine.map((e) => e.type)).to.deep.equal(['acknowledged', 'short_picked', 'picked', 'packed', 'shipped']);
            const short = mine[1] as Extract<WmsEvent, { type: 'short_picked' }>;
            expect(short.lines).to.deep.equal([{ fulfillmentOrderLineId: fo.lines[0].id, sku: fo.lines[0].sku, quantityOrdered: 3, quantityShort: 2 }]);
            const shipped = mine[4] as Extract<WmsEvent, { type: 'shipped' }>;
            expect(shipped.shipment.lines.find((l) => l.fulfillmentOrderLineId === fo.lines[0].id)?.quantity).to.equal(1);
        });
    });
}
