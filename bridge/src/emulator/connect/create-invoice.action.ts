/**
 * POST /commerce/fulfillment/fulfillment-orders/{foId}/actions/create-invoice ("Create an invoice for a
 * FulfillmentOrder that doesn't have one"). Builds an Invoice with one InvoiceLine per line item still holding
 * a quantity, posts it with the full amount as Balance (ensure-funds-async settles it) and links it through
 * FulfillmentOrder.InvoiceId. The docs do not require a fulfilled order; a cancelled one has nothing to bill.
 */
import type { Request } from 'express';
import type { ConnectDeps } from './connect-deps.ts';
import { readBody } from './connect-input.ts';
import { fail, type ConnectResult } from './connect-outcome.ts';
import type { ConnectAction } from './connect-route.ts';
import { categoryOfRecord } from './fulfillment-status.ts';
import { pathRecord } from './path-record.ts';
import { childrenOf, num } from './som-records.ts';
import { buildInvoice } from './invoice-builder.ts';

export function createInvoiceAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { invoiceId: null },
        run(req: Request): ConnectResult {
            readBody(req.body ?? {}, 'FulfillmentOrderInvoiceInput', []);
            const fulfillmentOrder = pathRecord(deps, 'FulfillmentOrder', req.params.foId);
            if (fulfillmentOrder.InvoiceId) {
                fail('INVALID_STATUS', `FulfillmentOrder ${fulfillmentOrder.Id} already has Invoice ${String(fulfillmentOrder.InvoiceId)}.`);
            }
            if (categoryOfRecord(fulfillmentOrder) === 'CANCELLED') {
                fail('INVALID_STATUS', `FulfillmentOrder ${fulfillmentOrder.Id} is cancelled; there is nothing to invoice.`);
            }
            const lines = childrenOf(deps.store, 'FulfillmentOrderLineItem', 'FulfillmentOrderId', fulfillmentOrder.Id).filter((line) => num(line, 'Quantity') > 0);
            if (lines.length === 0) fail('INVALID_STATUS', `FulfillmentOrder ${fulfillmentOrder.Id} has no line items with a quantity to invoice.`);
            const orderSummary = typeof fulfillmentOrder.OrderSummaryId === 'string' ? deps.store.get(fulfillmentOrder.OrderSummaryId) : undefined;
            const invoiceId = deps.store.transaction(deps.contextFor(req), (tx) => buildInvoice(tx, fulfillmentOrder, lines, orderSummary, new Date()));
            return { status: 201, output: { invoiceId } };
        }
    };
}
