/**
 * Order to cash on the emulator with a REST warehouse: orders go to a small vendor API in this test
 * (test/contract's fake vendor), and the warehouse's events come back as HMAC-signed webhooks to the
 * bridge's own HTTP server, sent here by hand so duplicates and forgeries can be made exactly.
 */
import { expect } from 'chai';
import { signWebhook } from '../../bridge/src/adapters/wms/rest/webhook-signature.ts';
import { FakeRestWms, WEBHOOK_SECRET, WMS_TOKEN } from '../contract/fake-vendors/fake-rest-wms.ts';
import { OrderToCashHarness, waitUntil } from './order-to-cash-harness.ts';

function restWarehouse(baseUrl: string) {
    return {
        adapters: {
            wms: {
                kind: 'rest',
                rest: {
                    baseUrl,
                    auth: { type: 'bearer', token: WMS_TOKEN },
                    timeoutMs: 2000,
                    submit: {
                        path: '/v1/orders',
                        body: {
                            reference: '{{order.reference}}',
                            carrier: '{{order.carrier}}',
                            service: '{{order.service}}',
                            ship_to: { name: '{{order.shipTo.name}}', address1: '{{order.shipTo.line1}}', city: '{{order.shipTo.city}}', country: '{{order.shipTo.country}}' },
                            items: { $each: 'order.lines', $template: { lineRef: '{{item.lineRef}}', sku: '{{item.sku}}', quantity: '{{item.quantity}}' } }
                        }
                    },
                    cancel: { path: '/v1/orders/{{ref.fulfillmentOrderId}}/cancel' },
                    updateShipTo: { method: 'PUT', path: '/v1/orders/{{ref.fulfillmentOrderId}}/ship-to', body: { address1: '{{shipTo.line1}}', city: '{{shipTo.city}}' } },
                    responses: { orderNumber: 'order_number' },
                    webhook: { signingKey: WEBHOOK_SECRET, toleranceSeconds: 300, path: '/webhooks/wms' }
                }
            }
        }
    };
}

interface Delivery {
    body: string;
    timestamp?: string;
    signature?: string;
}

describe('e2e: order to cash — warehouse webhooks', function () {
    this.timeout(30_000);
    let harness: OrderToCashHarness;
    let vendor: FakeRestWms;
    const knownSkus: string[] = [];

    /** Posts to the bridge's webhook endpoint, signed correctly unless the delivery says otherwise. */
    async function deliver(delivery: Delivery): Promise<number> {
        const http = harness.bridge.http!;
        const timestamp = delivery.timestamp ?? String(Math.floor(Date.now() / 1000));
        const signature = delivery.signature ?? signWebhook(WEBHOOK_SECRET, timestamp, delivery.body);
        const response = await fetch(`http://${http.host}:${http.port}/webhooks/wms`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature },
            body: delivery.body
        });
        await response.arrayBuffer();
        return response.status;
    }

    /** An order the vendor has accepted, with its vendor-side record. */
    async function orderAtVendor(seed: number) {
        const placed = harness.placeOrder({ seed, lines: 2 });
        // The vendor refuses unknown items: teach it the org's catalogue before the bridge submits.
        knownSkus.push(...harness.emulator.store.all('Product2').map((p) => String(p.StockKeepingUnit)));
        const [foId] = placed.fulfillmentOrderIds;
        const wmsNumber = await harness.waitForWmsNumber(foId);
        const order = vendor.orders.get(foId)!;
        expect(order.orderNumber).to.equal(wmsNumber);
        return { ...placed, foId, order };
    }

    function event(order: { reference: string; orderNumber: string }, sequence: number, body: Record<string, unknown>): string {
        return JSON.stringify({
            ...body,
            eventId: `${order.orderNumber}:${sequence}`,
            fulfillmentOrderId: order.reference,
            wmsOrderNumber: order.orderNumber,
            sequence,
            occurredAt: new Date().toISOString()
        });
    }

    function shippedEvent(order: NonNullable<ReturnType<FakeRestWms['orders']['get']>>, sequence: number): string {
        return event(order, sequence, {
            type: 'shipped',
            shipment: {
                fulfillmentOrderId: order.reference,
                wmsShipmentId: `${order.orderNumber}/1`,
                wmsOrderNumber: order.orderNumber,
                carrier: order.carrier,
                service: order.service,
                trackingNumber: `1ZE2E${order.orderNumber.slice(5)}`,
                lines: order.lines.map((l) => ({ fulfillmentOrderLineId: l.lineRef, sku: l.sku, quantity: Number(l.quantity) })),
                partial: false,
                shippedAt: new Date().toISOString()
            }
        });
    }

    beforeEach(async () => {
        vendor = new FakeRestWms(knownSkus);
        await vendor.http.start();
        harness = await OrderToCashHarness.start({ config: restWarehouse(vendor.http.url) });
    });

    afterEach(async () => {
        await harness?.stop();
        await vendor?.http.close();
    });

    it('a duplicate shipment webhook makes no second Shipment, invoice or ERP document', async () => {
        const { orderSummaryId, foId, order } = await orderAtVendor(31);
        expect(await deliver({ body: event(order, 1, { type: 'acknowledged' }) })).to.equal(202);
        const shipped = shippedEvent(order, 2);
        expect(await deliver({ body: shipped })).to.equal(202);
        await harness.waitForFulfillmentOrder(foId, 'Fulfilled', (r) => r.Status === 'Fulfilled');
        await waitUntil('the invoice posted', () => harness.invoicesOf(orderSummaryId).find((i) => i.ERP_Posting_Status__c === 'Posted'));

        // The vendor retries the same event (signed again at its retry time), then confirms the same
        // parcel again under a new event ID.
        const retryTime = String(Math.floor(Date.now() / 1000) + 1);
        expect(await deliver({ body: shipped, timestamp: retryTime }), 'a re-sent event is accepted').to.equal(202);
        expect(await deliver({ body: shippedEvent(order, 3) }), 'a repeated confirmation is accepted').to.equal(202);
        await harness.waitForQueuesIdle('wms-inbound', 'erp-invoice');

        const shipments = harness.shipmentsOf(foId);
        expect(shipments).to.have.length(1);
        expect(shipments[0].WMS_Shipment_Id__c).to.equal(`${order.orderNumber}/1`);
        expect(String(shipments[0].Provider).toLowerCase(), 'carrier normalised from the vendor spelling').to.equal(order.carrier);
        expect(harness.shipmentItemsOf(shipments[0].Id)).to.have.length(order.lines.length);
        expect(harness.invoicesOf(orderSummaryId)).to.have.length(1);
        expect(harness.erp.book.size).to.equal(1);
        expect(harness.statusEventsOf(foId).filter((p) => p.NewStatus === 'Fulfilled')).to.have.length(1);
        expect(harness.processExceptionsOf(orderSummaryId)).to.deep.equal([]);
        expect(await harness.bridge.deadLetterCount()).to.equal(0);
    });

    it('a webhook with a bad signature, no signature, a stale timestamp or a replayed signature is refused with 401', async () => {
        const { foId, order } = await orderAtVendor(32);
        const body = event(order, 1, { type: 'acknowledged' });
        const timestamp = String(Math.floor(Date.now() / 1000));

        expect(await deliver({ body, timestamp, signature: signWebhook('not-the-shared-signing-key-000', timestamp, body) }), 'wrong key').to.equal(401);
        expect(await deliver({ body, timestamp, signature: signWebhook(WEBHOOK_SECRET, timestamp, `${body} `) }), 'body changed after signing').to.equal(401);
        expect(await deliver({ body, signature: '' }), 'unsigned').to.equal(401);
        const stale = String(Math.floor(Date.now() / 1000) - 3600);
        expect(await deliver({ body, timestamp: stale }), 'stale timestamp').to.equal(401);
        expect(harness.fulfillmentOrder(foId).Integration_Status__c, 'nothing refused reached Salesforce').to.equal('Sent');

        // A correctly signed delivery goes through once; the very same request again is a replay.
        const signature = signWebhook(WEBHOOK_SECRET, timestamp, body);
        expect(await deliver({ body, timestamp, signature })).to.equal(202);
        expect(await deliver({ body, timestamp, signature }), 'replayed request').to.equal(401);
        await harness.waitForFulfillmentOrder(foId, 'Acknowledged', (r) => r.Integration_Status__c === 'Acknowledged');
    });
});
