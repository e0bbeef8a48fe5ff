/**
 * Order to cash on the emulator, billing documents SOM makes on its own: a cancellation after payment
 * was captured produces a credit memo, which the billing poller finds and the ERP books exactly once.
 */
import { expect } from 'chai';
import { OrderToCashHarness, waitUntil } from './order-to-cash-harness.ts';

describe('e2e: order to cash — credit memos', function () {
    this.timeout(30_000);
    let harness: OrderToCashHarness;

    beforeEach(async () => {
        harness = await OrderToCashHarness.start();
    });

    afterEach(async () => {
        await harness?.stop();
    });

    it('a cancellation after payment capture: its credit memo reaches the ERP exactly once', async () => {
        const { orderSummaryId, fulfillmentOrderIds } = harness.placeSplitOrder();
        const [shippedFo, cancelledFo] = fulfillmentOrderIds;
        await harness.waitForWmsNumber(shippedFo);
        await harness.waitForWmsNumber(cancelledFo);

        // The first warehouse ships; its invoice is created, captured (ensure-funds) and posted.
        await harness.advanceWarehouse(shippedFo, 'shipped');
        const invoice = await waitUntil('the invoice posted', () => harness.invoicesOf(orderSummaryId).find((i) => i.ERP_Posting_Status__c === 'Posted'));
        expect(Number(invoice.Balance), 'payment captured').to.equal(0);

        // Then the customer cancels the rest: off the fulfilment order, then off the order summary.
        const cancelledLines = harness.linesOf(cancelledFo);
        await harness.cancelFulfillmentOrderLines(cancelledFo);
        await waitUntil('the warehouse to cancel the second order', () => harness.wms.warehouse.get(cancelledFo)?.stage === 'cancelled');
        const { changeOrderId } = await harness.connect<{ changeOrderId: string }>(`/commerce/order-management/order-summaries/${orderSummaryId}/actions/submit-cancel`, {
            changeItems: cancelledLines.map((l) => ({ orderItemSummaryId: l.OrderItemSummaryId, quantity: Number(l.Quantity), reason: 'Customer Request', shippingReductionFlag: false }))
        });
        const { creditMemoId } = await harness.connect<{ creditMemoId: string }>(`/commerce/order-management/order-summaries/${orderSummaryId}/actions/create-credit-memo`, {
            changeOrderIds: [changeOrderId]
        });
        await harness.connect(`/commerce/order-management/order-summaries/${orderSummaryId}/async-actions/ensure-refunds-async`, { creditMemoId });

        // Two polls before the posting lands, one after: each may see the memo, the ERP books it once.
        const polls = [await harness.billingPoller.pollOnce(), await harness.billingPoller.pollOnce()];
        expect(polls[0], 'the first poll finds the credit memo').to.equal(1);
        const memo = await waitUntil('the credit memo posted and written back', () => {
            const current = harness.record(creditMemoId);
            return current.ERP_Posting_Status__c === 'Posted' ? current : undefined;
        });
        expect(await harness.billingPoller.pollOnce(), 'nothing left without an ERP number').to.equal(0);

        expect(memo.ERP_Document_Number__c).to.match(/^AR-CM-\d{7}$/);
        expect(harness.erp.book.find('credit_memo', creditMemoId)?.documentNumber).to.equal(memo.ERP_Document_Number__c);
        expect(harness.creditMemosOf(orderSummaryId)).to.have.length(1);
        expect(harness.erp.book.size, 'one invoice and one credit memo in the ERP').to.equal(2);
        expect(harness.processExceptionsOf(orderSummaryId)).to.deep.equal([]);
    });
});
