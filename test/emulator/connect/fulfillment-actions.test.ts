import { expect } from 'chai';
import type { SObjectRecord } from '../../../bridge/src/emulator/contracts.ts';
import { httpError, startConnectTestServer, type ConnectTestServer } from './connect-test-server.ts';

type Output = Record<string, unknown> & { success: boolean; errors: { errorCode: string; message: string }[] };

describe('emulator Connect: fulfillment order actions (jsforce)', () => {
    let server: ConnectTestServer;
    before(async () => {
        server = await startConnectTestServer();
    });
    after(async () => {
        await server.close();
        expect(server.unexpected).to.deep.equal([]);
    });

    const linesOf = (foId: string) => server.store.all('FulfillmentOrderLineItem').filter((line) => line.FulfillmentOrderId === foId);
    const allocatedOrder = (): SObjectRecord => server.store.all('FulfillmentOrder').find((fo) => fo.Status === 'Allocated' && !fo.InvoiceId && linesOf(fo.Id).length > 0)!;

    /** Frees every unit of an allocated FulfillmentOrder so tests can allocate it again. */
    async function release(fo: SObjectRecord) {
        const lines = linesOf(fo.Id);
        const result = await server.conn.requestPost<Output>(`/commerce/fulfillment/fulfillment-orders/${fo.Id}/actions/cancel-item`, {
            fulfillmentOrderLineItemsToCancel: lines.map((line) => ({ fulfillmentOrderLineItemId: line.Id, quantity: line.Quantity }))
        });
        expect(result.success, JSON.stringify(result)).to.equal(true);
        return lines;
    }

    it('cancel-item reduces line quantities, releases the allocation and cancels an emptied order', async () => {
        const fo = allocatedOrder();
        const [line] = linesOf(fo.Id);
        const itemBefore = server.store.get(String(line.OrderItemSummaryId))!;
        await release(fo);
        expect(server.store.get(line.Id)!.Quantity).to.equal(0);
        expect(server.store.get(line.Id)!.OriginalQuantity).to.equal(line.Quantity);
        expect(server.store.get(itemBefore.Id)!.QuantityAllocated).to.equal(Number(itemBefore.QuantityAllocated) - Number(line.Quantity));
        expect(server.store.get(fo.Id)!.Status).to.equal('Cancelled');
    });

    it('creates fulfillment orders from released item summaries and refuses more than is available', async () => {
        const fo = allocatedOrder();
        const lines = await release(fo);
        const body = (quantityBoost: number) => ({
            orderSummaryId: fo.OrderSummaryId,
            orderDeliveryGroupSummaryId: server.store.get(String(lines[0].OrderItemSummaryId))!.OrderDeliveryGroupSummaryId,
            fulfillmentGroups: [
                {
                    fulfilledFromLocationId: server.seed.warehouseIds[0],
                    fulfillmentType: 'warehouse',
                    orderItemSummaries: lines.map((line) => ({ orderItemSummaryId: line.OrderItemSummaryId, quantity: Number(line.Quantity) + quantityBoost }))
                }
            ]
        });
        const before = server.store.all('FulfillmentOrder').length;
        const tooMuch = await server.conn.requestPost<Output>('/commerce/fulfillment/fulfillment-orders', body(1));
        expect(tooMuch.success).to.equal(false);
        expect(tooMuch.errors[0].errorCode).to.equal('FIELD_INTEGRITY_EXCEPTION');
        expect(tooMuch.fulfillmentOrderIds).to.deep.equal([]);
        expect(server.store.all('FulfillmentOrder').length).to.equal(before);

        const created = await server.conn.requestPost<Output>('/commerce/fulfillment/fulfillment-orders', body(0));
        expect(created.success, JSON.stringify(created)).to.equal(true);
        const [newId] = created.fulfillmentOrderIds as string[];
        const newOrder = server.store.get(newId)!;
        expect(newOrder).to.include({ Status: 'Allocated', Type: 'Warehouse', FulfilledFromLocationId: server.seed.warehouseIds[0], OrderSummaryId: fo.OrderSummaryId });
        expect(linesOf(newId).map((line) => line.Quantity)).to.deep.equal(lines.map((line) => line.Quantity));
        const item = server.store.get(String(lines[0].OrderItemSummaryId))!;
        expect(item.QuantityAllocated).to.be.at.least(Number(lines[0].Quantity));
    });

    it('create-invoice builds the invoice from the lines and refuses a second one', async () => {
        const fo = server.store.all('FulfillmentOrder').find((record) => record.Status === 'Fulfilled' && !record.InvoiceId)!;
        const first = await server.conn.requestPost<Output>(`/commerce/fulfillment/fulfillment-orders/${fo.Id}/actions/create-invoice`, {});
        expect(first.success, JSON.stringify(first)).to.equal(true);
        const invoice = server.store.get(String(first.invoiceId))!;
        const invoiceLines = server.store.all('InvoiceLine').filter((line) => line.InvoiceId === invoice.Id);
        expect(invoiceLines).to.have.length(linesOf(fo.Id).length);
        expect(invoice).to.include({ ReferenceEntityId: fo.OrderSummaryId, Status: 'Posted', TotalAmount: fo.TotalAmount });
        expect(invoice.Balance).to.equal(invoice.TotalAmountWithTax);
        expect(server.store.get(fo.Id)!.InvoiceId).to.equal(invoice.Id);

        const second = await server.conn.requestPost<Output>(`/commerce/fulfillment/fulfillment-orders/${fo.Id}/actions/create-invoice`, {});
        expect(second).to.deep.include({ success: false, invoiceId: null });
        expect(second.errors[0].errorCode).to.equal('INVALID_STATUS');
    });

    it('answers an unknown but well-formed ID with success:false', async () => {
        const result = await server.conn.requestPost<Output>('/commerce/fulfillment/fulfillment-orders/0a35e0000000ZZZAAA/actions/create-invoice', {});
        expect(result.success).to.equal(false);
        expect(result.errors[0].errorCode).to.equal('INVALID_ID_FIELD');
    });

    it('answers an ID of the wrong object in the path with a 400 Error with Output', async () => {
        const error = await httpError(server.conn.requestPost(`/commerce/fulfillment/fulfillment-orders/${server.seed.accountIds[0]}/actions/create-invoice`, {}));
        expect(error.data).to.deep.include({ enhancedErrorType: null });
        expect((error.data as { output: Output }).output).to.deep.include({ success: false, invoiceId: null });
    });

    it('refuses malformed bodies with Salesforce error arrays', async () => {
        const unknownField = await httpError(server.conn.requestPost('/commerce/fulfillment/fulfillment-orders', { orderSummaryId: 'x', bogus: 1 }));
        expect(unknownField.errorCode).to.equal('JSON_PARSER_ERROR');
        const missing = await httpError(server.conn.requestPost('/commerce/fulfillment/fulfillment-orders', { orderDeliveryGroupSummaryId: 'x', fulfillmentGroups: [] }));
        expect(missing.errorCode).to.equal('INVALID_API_INPUT');
        expect(JSON.stringify(missing.data)).to.contain('orderSummaryId');
        const badQuantity = await httpError(
            server.conn.requestPost('/commerce/fulfillment/fulfillment-orders/0a35e0000000ZZZAAA/actions/cancel-item', {
                fulfillmentOrderLineItemsToCancel: [{ fulfillmentOrderLineItemId: '0a45e0000000ZZZAAA', quantity: 'lots' }]
            })
        );
        expect(badQuantity.errorCode).to.equal('INVALID_API_INPUT');
        expect(JSON.stringify(badQuantity.data)).to.contain('fulfillmentOrderLineItemsToCancel[0].quantity');
    });
});
