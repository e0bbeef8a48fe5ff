/**
 * Order to cash on the emulator, the paths that need people: cancellations before and after pick, a
 * short pick, and an ERP rejection redriven with the dead-letter tools once its cause is fixed.
 */
import { expect } from 'chai';
import { OrderToCashHarness, waitUntil } from './order-to-cash-harness.ts';

describe('e2e: order to cash — cancellations, short picks, rejections', function () {
    this.timeout(30_000);
    let harness: OrderToCashHarness;

    beforeEach(async () => {
        harness = await OrderToCashHarness.start();
    });

    afterEach(async () => {
        await harness?.stop();
    });

    it('a cancellation before pick cancels the order in the WMS', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 21, lines: 2 });
        const [foId] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(foId);
        await harness.advanceWarehouse(foId, 'acknowledged');

        await harness.cancelFulfillmentOrderLines(foId);
        expect(harness.fulfillmentOrder(foId).Status).to.equal('Cancelled');
        await waitUntil('the warehouse to cancel the order', () => harness.wms.warehouse.get(foId)?.stage === 'cancelled');

        // Nothing moves any more and nobody is bothered.
        await harness.waitForQueuesIdle('sf-events', 'wms-outbound');
        expect(harness.wms.warehouse.advance(foId)).to.equal('cancelled');
        expect(harness.shipmentsOf(foId)).to.deep.equal([]);
        expect(harness.processExceptionsOf(orderSummaryId)).to.deep.equal([]);
        expect(await harness.bridge.deadLetterCount()).to.equal(0);
    });

    it('a cancellation after pick becomes a ProcessException saying what to do, and the job is dead-lettered', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 22, lines: 2 });
        const [foId] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(foId);
        await harness.advanceWarehouse(foId, 'picked');
        await harness.waitForFulfillmentOrder(foId, 'Picking', (r) => r.Integration_Status__c === 'Picking');

        await harness.cancelFulfillmentOrderLines(foId);
        const exception = await harness.waitForProcessException(orderSummaryId);
        expect(exception.AttachedToId).to.equal(foId);
        expect(exception.Category).to.equal('Fulfillment');
        expect(exception.Status).to.equal('New');
        expect(String(exception.Message)).to.match(/FO-\d+ was cancelled after the warehouse picked it: stop the parcel or process a return\./);
        expect(String(exception.Message), 'the advice is not cut off').to.not.include('…');
        expect(harness.wms.warehouse.get(foId)?.stage, 'the goods are still on their way').to.equal('picked');

        // The exception is raised just before the job lands in the failed set.
        const dead = await waitUntil('the cancel job dead-lettered', async () => {
            const found = await harness.deadLetters().list({ queue: 'wms-outbound' });
            return found.length > 0 ? found : undefined;
        });
        expect(dead).to.have.length(1);
        expect(dead[0].type).to.equal('wms.cancel');
        expect(dead[0].reason).to.match(/PermanentError REJECTED/);
        expect(String(exception.Description)).to.include(dead[0].jobId);
    });

    it('a short pick cancels the missing quantity on the FO line and raises a ProcessException explaining it', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 23, lines: 2 });
        const [foId] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(foId);
        const [shortLine, fullLine] = harness.linesOf(foId);
        const ordered = Number(shortLine.Quantity);
        harness.wms.warehouse.setPlan(foId, { shortLines: [{ lineRef: shortLine.Id, quantityShort: 1 }], parcels: 1 });

        await harness.advanceWarehouse(foId, 'picked');
        const exception = await harness.waitForProcessException(orderSummaryId);
        expect(Number(harness.record(shortLine.Id).Quantity), 'quantity left on the short line').to.equal(ordered - 1);
        expect(Number(harness.record(fullLine.Id).Quantity)).to.equal(Number(fullLine.Quantity));
        expect(exception.AttachedToId).to.equal(foId);
        expect(String(exception.Message)).to.match(/short-picked 1 of \S+ on /);
        expect(String(exception.Message)).to.match(/missing quantity was cancelled on the fulfillment order/);

        // The rest ships and closes the order: the invoice bills what left the warehouse.
        await harness.advanceWarehouse(foId, 'shipped');
        await harness.waitForFulfillmentOrder(foId, 'Fulfilled', (r) => r.Status === 'Fulfilled');
        const invoice = await waitUntil('the invoice posted', () => harness.invoicesOf(orderSummaryId).find((i) => i.ERP_Posting_Status__c === 'Posted'));
        const billed = harness.emulator.store.findBy('InvoiceLine', 'InvoiceId', invoice.Id).reduce((sum, l) => sum + Number(l.Quantity), 0);
        const shipped = harness.shipmentsOf(foId).flatMap((s) => harness.shipmentItemsOf(s.Id)).reduce((sum, i) => sum + Number(i.Quantity), 0);
        expect(billed).to.equal(shipped);
        expect(harness.processExceptionsOf(orderSummaryId)).to.have.length(1);
    });

    it('a short pick of every unit cancels the FO once, with one ProcessException and no cancel sent to the WMS', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 25, lines: 1 });
        const [foId] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(foId);
        const [line] = harness.linesOf(foId);
        harness.wms.warehouse.setPlan(foId, { shortLines: [{ lineRef: line.Id, quantityShort: Number(line.Quantity) }], parcels: 1 });

        await harness.advanceWarehouse(foId, 'picked');
        await harness.waitForFulfillmentOrder(foId, 'Cancelled', (r) => r.Status === 'Cancelled');
        await harness.waitForProcessException(orderSummaryId);
        await waitUntil('the cancellation event handled', async () => {
            const jobs = await harness.bridge.host.producer.queue('sf-events').getCompleted();
            return jobs.some((j) => JSON.stringify(j.returnvalue ?? {}).includes('short-picked every unit'));
        });
        expect(harness.processExceptionsOf(orderSummaryId), 'only the short pick is reported').to.have.length(1);
        expect(await harness.bridge.deadLetterCount()).to.equal(0);
    });

    it('an ERP rejection becomes a ProcessException; after the fix, dlq retry posts exactly one document and resolves it', async () => {
        const period = new Date().toISOString().slice(0, 7);
        harness.erp.closePeriod(period);
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeOrder({ seed: 24, lines: 1 });
        const [foId] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(foId);
        await harness.advanceWarehouse(foId, 'shipped');

        const exception = await harness.waitForProcessException(orderSummaryId);
        expect(exception.Category).to.equal('Invoicing');
        expect(String(exception.Message)).to.match(/accounting period \d{4}-\d{2} is closed/);
        const [invoice] = harness.invoicesOf(orderSummaryId);
        expect(exception.AttachedToId).to.equal(invoice.Id);
        expect(invoice.ERP_Document_Number__c ?? null).to.equal(null);
        expect(harness.erp.book.size).to.equal(0);
        const dlq = harness.deadLetters();
        const [dead] = await waitUntil('the invoice job dead-lettered', async () => {
            const found = await dlq.list({ queue: 'erp-invoice' });
            return found.length > 0 ? found : undefined;
        });
        expect(dead.type).to.equal('erp.post-invoice');

        harness.erp.openPeriod(period);
        await dlq.retry(dead.jobId, { queue: 'erp-invoice', by: 'e2e-test' });
        const posted = await waitUntil('the invoice posted after the retry', () => {
            const current = harness.record(invoice.Id);
            return current.ERP_Posting_Status__c === 'Posted' ? current : undefined;
        });
        expect(posted.ERP_Document_Number__c).to.equal(harness.erp.book.find('invoice', invoice.Id)?.documentNumber);
        await waitUntil('the ProcessException resolved', () => harness.record(exception.Id).Status === 'Resolved');
        expect(harness.erp.book.size, 'documents in the ERP').to.equal(1);
        expect(await dlq.list()).to.deep.equal([]);
        expect(harness.processExceptionsOf(orderSummaryId)).to.have.length(1);
    });
});
