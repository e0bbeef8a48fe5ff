/**
 * Order to cash on the emulator, the shipping paths: a normal order, a partial shipment followed by
 * the rest, one fulfilment order leaving in two parcels, and an address change before shipment.
 */
import { expect } from 'chai';
import { OrderToCashHarness, waitUntil } from './order-to-cash-harness.ts';

describe('e2e: order to cash — shipping', function () {
    this.timeout(30_000);
    let harness: OrderToCashHarness;

    beforeEach(async () => {
        harness = await OrderToCashHarness.start();
    });

    afterEach(async () => {
        await harness?.stop();
    });

    it('a normal order: WMS number, Shipment + items, FO Fulfilled, invoice posted with the ERP number', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 11, lines: 2 });
        expect(fulfillmentOrderIds).to.have.length(1);
        const [foId] = fulfillmentOrderIds;

        const wmsNumber = await harness.waitForWmsNumber(foId);
        expect(wmsNumber).to.equal(harness.wms.warehouse.get(foId)?.wmsOrderNumber);
        expect(harness.fulfillmentOrder(foId).Integration_Status__c).to.equal('Sent');

        await harness.advanceWarehouse(foId, 'shipped');
        const fo = await harness.waitForFulfillmentOrder(foId, 'Fulfilled', (r) => r.Status === 'Fulfilled');
        expect(fo.Integration_Status__c).to.equal('Shipped');

        const shipments = harness.shipmentsOf(foId);
        expect(shipments).to.have.length(1);
        expect(shipments[0].WMS_Shipment_Id__c).to.equal(`${wmsNumber}-P1`);
        expect(shipments[0].TrackingNumber).to.be.a('string').and.not.equal('');
        const items = harness.shipmentItemsOf(shipments[0].Id);
        const lines = harness.linesOf(foId);
        expect(items).to.have.length(lines.length);
        for (const line of lines) {
            const item = items.find((i) => i.WMS_Shipment_Item_Id__c === `${wmsNumber}-P1:${line.Id}`);
            expect(item, `a ShipmentItem for line ${line.Id}`).to.not.equal(undefined);
            expect(Number(item?.Quantity)).to.equal(Number(line.Quantity));
        }

        const invoice = await waitUntil('the invoice to be posted and written back', () =>
            harness.invoicesOf(orderSummaryId).find((i) => i.ERP_Posting_Status__c === 'Posted')
        );
        expect(harness.fulfillmentOrder(foId).InvoiceId).to.equal(invoice.Id);
        expect(invoice.ERP_Document_Number__c).to.match(/^AR-INV-\d{7}$/);
        expect(Number(invoice.Balance), 'ensure-funds captured the invoice').to.equal(0);
        expect(harness.invoicesOf(orderSummaryId)).to.have.length(1);
        expect(harness.erp.book.size, 'documents in the ERP').to.equal(1);
        expect(harness.erp.book.find('invoice', invoice.Id)?.documentNumber).to.equal(invoice.ERP_Document_Number__c);
        expect(harness.submissionsOf(foId)).to.have.length(1);
        expect(harness.processExceptionsOf(orderSummaryId)).to.deep.equal([]);
        expect(await harness.bridge.deadLetterCount()).to.equal(0);
    });

    it('a partial shipment leaves the FO open with the shipped quantities, and the rest closes and invoices it', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 12, lines: 2 });
        const [foId] = fulfillmentOrderIds;
        const wmsNumber = await harness.waitForWmsNumber(foId);
        harness.wms.warehouse.setPlan(foId, { shortLines: [], parcels: 2 });
        await harness.advanceWarehouse(foId, 'packed');
        harness.wms.warehouse.advance(foId);
        await harness.wms.idle();

        const open = await harness.waitForFulfillmentOrder(foId, 'Partially Shipped', (r) => r.Integration_Status__c === 'Partially Shipped');
        expect(open.Status).to.equal('Allocated');
        const [first] = harness.shipmentsOf(foId);
        expect(first.WMS_Shipment_Id__c).to.equal(`${wmsNumber}-P1`);
        const shippedFirst = harness.shipmentItemsOf(first.Id);
        const parcel = harness.wms.warehouse.get(foId)!;
        expect(parcel.shipmentsSent).to.equal(1);
        expect(shippedFirst.length).to.be.greaterThan(0);
        expect(harness.invoicesOf(orderSummaryId), 'no invoice while the FO is open').to.deep.equal([]);

        harness.wms.warehouse.advance(foId);
        await harness.wms.idle();
        await harness.waitForFulfillmentOrder(foId, 'Fulfilled', (r) => r.Status === 'Fulfilled');
        await harness.waitForQueuesIdle('wms-inbound', 'erp-invoice');
        const shipments = harness.shipmentsOf(foId);
        expect(shipments.map((s) => s.WMS_Shipment_Id__c).sort()).to.deep.equal([`${wmsNumber}-P1`, `${wmsNumber}-P2`]);
        // Between them the two parcels carry every unit of every line.
        const shippedByLine = new Map<string, number>();
        for (const shipment of shipments) {
            for (const item of harness.shipmentItemsOf(shipment.Id)) {
                const lineId = String(item.WMS_Shipment_Item_Id__c).split(':')[1];
                shippedByLine.set(lineId, (shippedByLine.get(lineId) ?? 0) + Number(item.Quantity));
            }
        }
        for (const line of harness.linesOf(foId)) expect(shippedByLine.get(line.Id), `shipped of ${line.Id}`).to.equal(Number(line.Quantity));
        const invoice = await waitUntil('the invoice posted', () => harness.invoicesOf(orderSummaryId).find((i) => i.ERP_Posting_Status__c === 'Posted'));
        expect(invoice.ERP_Document_Number__c).to.be.a('string');
        expect(harness.invoicesOf(orderSummaryId)).to.have.length(1);
        expect(harness.erp.book.size).to.equal(1);
    });

    it('one FO shipped in two parcels: two Shipments, the FO closed once, one invoice, one ERP document', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 13, lines: 3 });
        const [foId] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(foId);
        harness.wms.warehouse.setPlan(foId, { shortLines: [], parcels: 2 });
        await harness.advanceWarehouse(foId, 'shipped');

        await harness.waitForFulfillmentOrder(foId, 'Fulfilled', (r) => r.Status === 'Fulfilled');
        await waitUntil('the invoice posted', () => harness.invoicesOf(orderSummaryId).find((i) => i.ERP_Posting_Status__c === 'Posted'));
        // One order's warehouse events never run at the same time, but may run out of order: let all finish.
        await harness.waitForQueuesIdle('wms-inbound', 'erp-invoice');
        expect(harness.shipmentsOf(foId)).to.have.length(2);
        const closings = harness.statusEventsOf(foId).filter((p) => p.NewStatus === 'Fulfilled');
        expect(closings, 'FOStatusChangedEvent to Fulfilled').to.have.length(1);
        expect(harness.invoicesOf(orderSummaryId)).to.have.length(1);
        expect(harness.erp.book.size).to.equal(1);
        expect(harness.fulfillmentOrder(foId).Integration_Status__c).to.equal('Shipped');
    });

    it('an address change before shipment reaches the WMS as the new ship-to', async () => {
        const { fulfillmentOrderIds } = harness.placeOrder({ seed: 14, lines: 1 });
        const [foId] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(foId);
        await harness.advanceWarehouse(foId, 'acknowledged');
        const before = harness.wms.warehouse.get(foId)!.document.shipTo;

        await harness.updateRecord('FulfillmentOrder', { Id: foId, FulfilledToStreet: '500 Changed Avenue', FulfilledToCity: 'Newtown', FulfilledToPostalCode: '02139' });
        const shipTo = await waitUntil('the warehouse to hold the new ship-to', () => {
            const current = harness.wms.warehouse.get(foId)!.document.shipTo;
            return JSON.stringify(current).includes('500 Changed Avenue') ? current : undefined;
        });
        expect(JSON.stringify(shipTo)).to.include('Newtown');
        expect(shipTo).to.not.deep.equal(before);

        // The parcel that leaves afterwards goes to the new address, recorded on the Shipment.
        await harness.advanceWarehouse(foId, 'shipped');
        await harness.waitForFulfillmentOrder(foId, 'Fulfilled', (r) => r.Status === 'Fulfilled');
        const [shipment] = harness.shipmentsOf(foId);
        expect(shipment.ShipToStreet).to.equal('500 Changed Avenue');
        expect(shipment.ShipToCity).to.equal('Newtown');
        expect(harness.submissionsOf(foId), 'an address change is not a second order').to.have.length(1);
    });
});
