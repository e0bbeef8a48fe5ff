/**
 * POST /commerce/fulfillment/fulfillment-orders/{foId}/actions/cancel-item. Reduces FulfillmentOrderLineItem
 * quantities (OriginalQuantity keeps the first value, so the canceled amount stays readable) and releases the
 * units on the OrderItemSummary for reallocation: the docs say this action does not cancel the items on the
 * order summary. A FulfillmentOrder left with nothing to ship becomes Cancelled.
 */
import type { Request } from 'express';
import type { ConnectDeps } from './connect-deps.ts';
import { readBody, requireObjectList, requirePositive, requireString } from './connect-input.ts';
import { fail, type ConnectResult } from './connect-outcome.ts';
import type { ConnectAction } from './connect-route.ts';
import { categoryOfRecord } from './fulfillment-status.ts';
import { countersOf, quantityFields, withDelta } from './item-quantities.ts';
import { pathRecord } from './path-record.ts';
import { childrenOf, normalizeId, num, roundMoney } from './som-records.ts';

const WHERE = 'fulfillmentOrderLineItemsToCancelInput';

export function cancelItemAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: {},
        run(req: Request): ConnectResult {
            const body = readBody(req.body, 'FulfillmentOrderLineItemsToCancelInput', ['fulfillmentOrderLineItemsToCancel']);
            const requests = requireObjectList(body, 'fulfillmentOrderLineItemsToCancel', WHERE, ['fulfillmentOrderLineItemId', 'quantity']).map(
                (item, index) => {
                    const where = `${WHERE}.fulfillmentOrderLineItemsToCancel[${index}]`;
                    return { id: normalizeId(requireString(item, 'fulfillmentOrderLineItemId', where)), quantity: requirePositive(item, 'quantity', where), where };
                }
            );
            const fulfillmentOrder = pathRecord(deps, 'FulfillmentOrder', req.params.foId);
            const category = categoryOfRecord(fulfillmentOrder);
            if (category === 'CLOSED' || category === 'CANCELLED') {
                fail('INVALID_STATUS', `FulfillmentOrder ${fulfillmentOrder.Id} is ${String(fulfillmentOrder.Status)}; items can't be canceled from it.`);
            }
            const lines = new Map(childrenOf(deps.store, 'FulfillmentOrderLineItem', 'FulfillmentOrderId', fulfillmentOrder.Id).map((line) => [line.Id, line]));
            const remaining = new Map([...lines].map(([id, line]) => [id, num(line, 'Quantity')]));
            for (const request of requests) {
                if (!lines.has(request.id)) fail('INVALID_ID_FIELD', `${request.where}: FulfillmentOrderLineItem ${request.id} is not on FulfillmentOrder ${fulfillmentOrder.Id}.`);
                const left = remaining.get(request.id)!;
                if (request.quantity > left) {
                    fail('FIELD_INTEGRITY_EXCEPTION', `${request.where}: quantity ${request.quantity} is more than the ${left} left on FulfillmentOrderLineItem ${request.id}.`);
                }
                remaining.set(request.id, left - request.quantity);
            }
            deps.store.transaction(deps.contextFor(req), (tx) => {
                let totalAmount = 0;
                let totalTax = 0;
                for (const [id, line] of lines) {
                    const quantity = remaining.get(id)!;
                    const released = num(line, 'Quantity') - quantity;
                    const perUnitTax = num(line, 'Quantity') > 0 ? num(line, 'TotalTaxAmount') / num(line, 'Quantity') : 0;
                    const lineTotal = roundMoney(num(line, 'UnitPrice') * quantity);
                    const lineTax = roundMoney(perUnitTax * quantity);
                    totalAmount += lineTotal;
                    totalTax += lineTax;
                    if (released === 0) continue;
                    tx.update('FulfillmentOrderLineItem', id, { Quantity: quantity, TotalPrice: lineTotal, TotalLineAmount: lineTotal, TotalTaxAmount: lineTax });
                    const summary = typeof line.OrderItemSummaryId === 'string' ? tx.get(line.OrderItemSummaryId) : undefined;
                    if (summary) tx.update('OrderItemSummary', summary.Id, quantityFields(withDelta(countersOf(summary), { QuantityAllocated: -released })));
                }
                const nothingLeft = [...remaining.values()].every((quantity) => quantity === 0);
                tx.update('FulfillmentOrder', fulfillmentOrder.Id, {
                    TotalProductAmount: roundMoney(totalAmount),
                    TotalAmount: roundMoney(totalAmount),
                    TotalTaxAmount: roundMoney(totalTax),
                    GrandTotalAmount: roundMoney(totalAmount + totalTax),
                    ...(nothingLeft ? { Status: 'Cancelled' } : {})
                });
            });
            return { status: 200, output: {} };
        }
    };
}
