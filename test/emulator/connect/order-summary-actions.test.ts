import { expect } from 'chai';
import type { SObjectRecord } from '../../../bridge/src/emulator/contracts.ts';
import { httpError, startConnectTestServer, type ConnectTestServer } from './connect-test-server.ts';

type Output = Record<string, unknown> & { success: boolean; errors: { errorCode: string; message: string }[] };
type Balances = Record<string, number>;

describe('emulator Connect: order summary, money and return actions (jsforce)', () => {
    let server: ConnectTestServer;
    before(async () => {
        server = await startConnectTestServer();
    });
    after(async () => {
        await server.close();
        expect(server.unexpected).to.deep.equal([]);
    });

    const post = (path: string, body: object) => server.conn.requestPost<Output>(path, body);
    const os = (id: unknown): string => `/commerce/order-management/order-summaries/${String(id)}`;
    const linesOf = (foId: string) => server.store.all('FulfillmentOrderLineItem').filter((line) => line.FulfillmentOrderId === foId);
    const fulfilledItem = (): SObjectRecord => {
        const fo = server.store.all('FulfillmentOrder').find((record) => record.Status === 'Fulfilled' && !record.InvoiceId && !usedOrders.has(String(record.OrderSummaryId)))!;
        usedOrders.add(String(fo.OrderSummaryId));
        return server.store.get(String(linesOf(fo.Id)[0].OrderItemSummaryId))!;
    };
    const usedOrders = new Set<string>();

    it('previews and submits a cancel of released units, writing a change order', async () => {
        const fo = server.store.all('FulfillmentOrder').find((record) => record.Status === 'Allocated' && !usedOrders.has(String(record.OrderSummaryId)))!;
        usedOrders.add(String(fo.OrderSummaryId));
        const line = linesOf(fo.Id)[0];
        const quantity = Number(line.Quantity);
        const cancelled = await post(`/commerce/fulfillment/fulfillment-orders/${fo.Id}/actions/cancel-item`, {
            fulfillmentOrderLineItemsToCancel: [{ fulfillmentOrderLineItemId: line.Id, quantity }]
        });
        expect(cancelled.success).to.equal(true);
        const item = server.store.get(String(line.OrderItemSummaryId))!;
        const summaryBefore = server.store.get(String(fo.OrderSummaryId))!;
        const body = { changeItems: [{ orderItemSummaryId: item.Id, quantity, reason: 'Wrong Item', shippingReductionFlag: false }] };

        const preview = await post(`${os(fo.OrderSummaryId)}/actions/preview-cancel`, body);
        expect(preview).to.deep.include({ success: true, orderSummaryId: fo.OrderSummaryId });
        expect((preview.changeBalances as Balances).totalAmount).to.equal(Math.round(Number(item.UnitPrice) * quantity * 100) / 100);
        expect(server.store.get(item.Id)!.QuantityCanceled).to.equal(item.QuantityCanceled);

        const tooMany = await post(`${os(fo.OrderSummaryId)}/actions/submit-cancel`, { changeItems: [{ ...body.changeItems[0], quantity: quantity + 1 }] });
        expect(tooMany.success).to.equal(false);
        expect(tooMany.errors[0].errorCode).to.equal('FIELD_INTEGRITY_EXCEPTION');

        const submitted = await post(`${os(fo.OrderSummaryId)}/actions/submit-cancel`, body);
        expect(submitted.success, JSON.stringify(submitted)).to.equal(true);
        expect(String(submitted.changeOrderId)).to.match(/^801/);
        expect(submitted.changeBalances).to.deep.equal(preview.changeBalances);
        expect(server.store.get(item.Id)!.QuantityCanceled).to.equal(Number(item.QuantityCanceled) + quantity);
        const changes = server.store.all('OrderItemSummaryChange').filter((change) => change.OrderItemSummaryId === item.Id);
        expect(changes).to.have.length(1);
        expect(server.store.get(String(fo.OrderSummaryId))!.GrandTotalAmount).to.equal(
            Math.round((Number(summaryBefore.GrandTotalAmount) - (submitted.changeBalances as Balances).grandTotalAmount) * 100) / 100
        );
    });

    it('refuses a cancel reason outside the OrderItemSummaryChange Reason picklist', async () => {
        const item = server.store.all('OrderItemSummary')[0];
        const error = await httpError(post(`${os(item.OrderSummaryId)}/actions/submit-cancel`, { changeItems: [{ orderItemSummaryId: item.Id, quantity: 1, reason: 'Bored', shippingReductionFlag: false }] }));
        expect(error.errorCode).to.equal('INVALID_API_INPUT');
    });

    it('returns fulfilled units, credits them and settles the refund', async () => {
        const item = fulfilledItem();
        const body = { changeItems: [{ orderItemSummaryId: item.Id, quantity: 1, reason: 'Damaged', shippingReductionFlag: true }] };
        const submitted = await post(`${os(item.OrderSummaryId)}/actions/submit-return`, body);
        expect(submitted.success, JSON.stringify(submitted)).to.equal(true);
        expect(server.store.get(item.Id)!.QuantityReturned).to.equal(Number(item.QuantityReturned) + 1);

        const memo = await post(`${os(item.OrderSummaryId)}/actions/create-credit-memo`, { changeOrderIds: [submitted.changeOrderId] });
        expect(memo.success, JSON.stringify(memo)).to.equal(true);
        const creditMemo = server.store.get(String(memo.creditMemoId))!;
        expect(creditMemo.TotalAmountWithTax).to.equal((submitted.changeBalances as Balances).grandTotalAmount);
        const again = await post(`${os(item.OrderSummaryId)}/actions/create-credit-memo`, { changeOrderIds: [submitted.changeOrderId] });
        expect(again.success).to.equal(false);

        const refund = await post(`${os(item.OrderSummaryId)}/async-actions/ensure-refunds-async`, { creditMemoId: creditMemo.Id });
        expect(refund.success).to.equal(true);
        expect(String(refund.backgroundOperationId)).to.match(/^0Ao[a-zA-Z0-9]{15}$/);
        expect(server.store.get(creditMemo.Id)!.Balance).to.equal(0);
        const noInput = await httpError(post(`${os(item.OrderSummaryId)}/async-actions/ensure-refunds-async`, {}));
        expect(noInput.errorCode).to.equal('INVALID_API_INPUT');
    });

    it('ensure-funds-async settles an invoice balance once', async () => {
        const invoice = server.store.all('Invoice').find((record) => Number(record.Balance) > 0)!;
        const path = `${os(invoice.ReferenceEntityId)}/async-actions/ensure-funds-async`;
        const funded = await post(path, { invoiceId: invoice.Id });
        expect(funded.success).to.equal(true);
        expect(server.store.get(invoice.Id)!.Balance).to.equal(0);
        const twice = await post(path, { invoiceId: invoice.Id });
        expect(twice).to.deep.include({ success: false, backgroundOperationId: null });
    });

    it('creates a managed return order and processes its items with a split', async () => {
        const item = fulfilledItem();
        const fulfilled = Number(item.QuantityFulfilled);
        const tooMany = await post('/commerce/returns/return-orders', {
            orderSummaryId: item.OrderSummaryId,
            status: 'Submitted',
            returnOrderLifeCycleType: 'Managed',
            returnOrderLineItems: [{ orderItemSummaryId: item.Id, quantityExpected: fulfilled + 1, reasonForReturn: 'Damaged', canReduceShipping: false }]
        });
        expect(tooMany.success).to.equal(false);

        const created = await post('/commerce/returns/return-orders', {
            orderSummaryId: item.OrderSummaryId,
            status: 'Submitted',
            returnOrderLifeCycleType: 'Managed',
            returnOrderLineItems: [{ orderItemSummaryId: item.Id, quantityExpected: fulfilled, quantityReceived: '0', reasonForReturn: 'Damaged', canReduceShipping: false }]
        });
        expect(created.success, JSON.stringify(created)).to.equal(true);
        expect(server.store.get(item.Id)!.QuantityReturnInitiated).to.equal(fulfilled);
        const [returnLine] = server.store.all('ReturnOrderLineItem').filter((line) => line.ReturnOrderId === created.returnOrderId);

        const processed = await post(`/commerce/returns/return-orders/${String(created.returnOrderId)}/actions/return-items`, {
            returnOrderItems: [{ returnOrderLineItemId: returnLine.Id, quantityReturned: 1, quantityReceived: 1 }]
        });
        expect(processed.success, JSON.stringify(processed)).to.equal(true);
        expect(String(processed.changeOrderId)).to.match(/^801/);
        const after = server.store.get(item.Id)!;
        expect(after.QuantityReturned).to.equal(Number(item.QuantityReturned) + 1);
        expect(after.QuantityReturnInitiated).to.equal(fulfilled - 1);
        const [split] = processed.returnLineItemSplits as { processedReturnOrderLineItemId: string; newReturnOrderLineItemId: string | null }[];
        expect(split.processedReturnOrderLineItemId).to.equal(returnLine.Id);
        if (fulfilled > 1) expect(server.store.get(String(split.newReturnOrderLineItemId))!.QuantityExpected).to.equal(fulfilled - 1);
        else expect(split.newReturnOrderLineItemId).to.equal(null);

        const reprocess = await post(`/commerce/returns/return-orders/${String(created.returnOrderId)}/actions/return-items`, {
            returnOrderItems: [{ returnOrderLineItemId: returnLine.Id, quantityReturned: 1 }]
        });
        expect(reprocess.success).to.equal(false);
        expect(reprocess.errors[0].errorCode).to.equal('INVALID_STATUS');
    });
});
