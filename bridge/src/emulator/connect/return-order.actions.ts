/**
 * POST /commerce/returns/return-orders (create a ReturnOrder with its lines) and
 * POST /commerce/returns/return-orders/{roId}/actions/return-items (process lines into a change order).
 * Managed returns reserve the expected quantity as QuantityReturnInitiated; processing moves the returned
 * units to QuantityReturned, makes the processed line read-only and splits any remaining expected quantity
 * into a new line, as the docs describe. Unmanaged returns only track records.
 */
import type { Request } from 'express';
import type { RecordStoreApi, SObjectRecord } from '../contracts.ts';
import type { ConnectDeps } from './connect-deps.ts';
import { optionalBoolean, optionalNonNegative, optionalObjectList, optionalString, readBody, requireObjectList, requirePositive, requireString } from './connect-input.ts';
import { fail, type ConnectResult } from './connect-outcome.ts';
import type { ConnectAction } from './connect-route.ts';
import { fulfilledQuantity, planChange } from './change-plan.ts';
import { writeChangeOrder } from './change-order-writer.ts';
import { availableToReturn, countersOf, quantityFields, withDelta } from './item-quantities.ts';
import { pathRecord } from './path-record.ts';
import { childrenOf, normalizeId, num } from './som-records.ts';
import { sfError } from '../rest/salesforce-error.ts';

const LINE_FIELDS = ['orderItemSummaryId', 'quantityExpected', 'quantityReceived', 'reasonForReturn', 'canReduceShipping', 'returnOrderLineItemFees'];

export function createReturnOrderAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { returnOrderId: null },
        run(req: Request): ConnectResult {
            const where = 'returnOrderInput';
            const body = readBody(req.body, 'ReturnOrderInput', ['orderSummaryId', 'status', 'returnOrderLifeCycleType', 'returnOrderLineItems']);
            const orderSummaryId = normalizeId(requireString(body, 'orderSummaryId', where));
            const status = requireString(body, 'status', where);
            const statuses = deps.schema.get('ReturnOrder')?.fields.Status?.picklistValues;
            if (statuses && !statuses.includes(status)) throw sfError(400, 'INVALID_API_INPUT', `${where}.status "${status}" is not a ReturnOrder Status value (${statuses.join(', ')}).`);
            const lifeCycle = requireString(body, 'returnOrderLifeCycleType', where).toUpperCase();
            if (lifeCycle !== 'MANAGED' && lifeCycle !== 'UNMANAGED') throw sfError(400, 'INVALID_API_INPUT', `${where}.returnOrderLifeCycleType must be Managed or Unmanaged.`);
            const lines = requireObjectList(body, 'returnOrderLineItems', where, LINE_FIELDS).map((line, index) => {
                const lineWhere = `${where}.returnOrderLineItems[${index}]`;
                if (line.returnOrderLineItemFees !== undefined) throw sfError(400, 'INVALID_API_INPUT', `${lineWhere}.returnOrderLineItemFees: the emulator does not model return fees.`);
                optionalBoolean(line, 'canReduceShipping', lineWhere);
                return {
                    orderItemSummaryId: normalizeId(requireString(line, 'orderItemSummaryId', lineWhere)),
                    quantityExpected: requirePositive(line, 'quantityExpected', lineWhere),
                    quantityReceived: optionalNonNegative(line, 'quantityReceived', lineWhere) ?? 0,
                    reasonForReturn: optionalString(line, 'reasonForReturn', lineWhere) ?? null,
                    where: lineWhere
                };
            });
            const orderSummary = deps.store.get(orderSummaryId);
            if (!orderSummary || !orderSummaryId.startsWith('1Os')) fail('INVALID_ID_FIELD', `No OrderSummary found with ID ${orderSummaryId}.`);
            if (orderSummary!.OrderLifeCycleType !== 'MANAGED') fail('INVALID_STATUS', `OrderSummary ${orderSummaryId} is not Managed; return orders need a Managed order summary.`);
            const reserved = new Map<string, number>();
            const resolved = lines.map((line) => {
                const item = deps.store.get(line.orderItemSummaryId);
                if (!item || item.OrderSummaryId !== orderSummaryId) fail('INVALID_ID_FIELD', `${line.where}: no OrderItemSummary ${line.orderItemSummaryId} found on OrderSummary ${orderSummaryId}.`);
                if (lifeCycle === 'MANAGED') {
                    const wanted = (reserved.get(item!.Id) ?? 0) + line.quantityExpected;
                    const available = availableToReturn({ ...countersOf(item!), QuantityFulfilled: fulfilledQuantity(deps.store, item!) });
                    if (wanted > available) fail('FIELD_INTEGRITY_EXCEPTION', `${line.where}: quantityExpected ${wanted} is more than the ${available} available to return on OrderItemSummary ${item!.Id}.`);
                    reserved.set(item!.Id, wanted);
                }
                return { ...line, item: item! };
            });
            const returnOrderId = deps.store.transaction(deps.contextFor(req), (tx) => {
                const returnOrder = tx.insert('ReturnOrder', { OrderSummaryId: orderSummaryId, OrderId: orderSummary!.OriginalOrderId ?? null, AccountId: orderSummary!.AccountId ?? null, Status: status, LifeCycleType: lifeCycle });
                for (const line of resolved) {
                    tx.insert('ReturnOrderLineItem', {
                        ReturnOrderId: returnOrder.Id,
                        OrderItemSummaryId: line.item.Id,
                        OrderItemId: line.item.OriginalOrderItemId ?? null,
                        Product2Id: line.item.Product2Id ?? null,
                        QuantityExpected: line.quantityExpected,
                        QuantityReceived: line.quantityReceived,
                        ReasonForReturn: line.reasonForReturn,
                        Type: 'Order Product'
                    });
                }
                for (const [itemId, quantity] of reserved) {
                    const item = tx.get(itemId)!;
                    tx.update('OrderItemSummary', itemId, quantityFields(withDelta(countersOf(item), { QuantityReturnInitiated: quantity })));
                }
                return returnOrder.Id;
            });
            return { status: 201, output: { returnOrderId } };
        }
    };
}

const ITEM_FIELDS = ['returnOrderLineItemId', 'quantityReturned', 'quantityToCancel', 'quantityReceived', 'quantityRejected', 'reasonForRejection'];

export function returnItemsAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { changeOrderId: null, returnLineItemSplits: [] },
        run(req: Request): ConnectResult {
            const where = 'returnItemsInput';
            const body = readBody(req.body, 'ReturnItemsInput', ['returnOrderItems', 'returnOrderItemDeliveryCharges', 'returnOrderItemFees']);
            for (const unsupported of ['returnOrderItemDeliveryCharges', 'returnOrderItemFees']) {
                if ((optionalObjectList(body, unsupported, where, ['returnOrderLineItemId', 'quantityReturned', 'quantityToCancel']) ?? []).length > 0) {
                    throw sfError(400, 'INVALID_API_INPUT', `${where}.${unsupported}: the emulator does not model delivery charges or fees on return orders.`);
                }
            }
            const requests = requireObjectList(body, 'returnOrderItems', where, ITEM_FIELDS).map((item, index) => {
                const itemWhere = `${where}.returnOrderItems[${index}]`;
                return {
                    id: normalizeId(requireString(item, 'returnOrderLineItemId', itemWhere)),
                    returned: optionalNonNegative(item, 'quantityReturned', itemWhere) ?? 0,
                    canceled: optionalNonNegative(item, 'quantityToCancel', itemWhere) ?? 0,
                    received: optionalNonNegative(item, 'quantityReceived', itemWhere),
                    rejected: optionalNonNegative(item, 'quantityRejected', itemWhere) ?? 0,
                    reasonForRejection: optionalString(item, 'reasonForRejection', itemWhere),
                    where: itemWhere
                };
            });
            const returnOrder = pathRecord(deps, 'ReturnOrder', req.params.roId);
            if (returnOrder.LifeCycleType !== 'MANAGED') fail('INVALID_STATUS', `ReturnOrder ${returnOrder.Id} is Unmanaged; only Managed return orders are processed.`);
            const orderSummary = deps.store.get(String(returnOrder.OrderSummaryId));
            if (!orderSummary) fail('INVALID_ID_FIELD', `ReturnOrder ${returnOrder.Id} has no OrderSummary.`);
            const lines = new Map(childrenOf(deps.store, 'ReturnOrderLineItem', 'ReturnOrderId', returnOrder.Id).map((line) => [line.Id, line]));
            const processed = requests.map((request) => {
                const line = lines.get(request.id);
                if (!line) fail('INVALID_ID_FIELD', `${request.where}: ReturnOrderLineItem ${request.id} is not on ReturnOrder ${returnOrder.Id}.`);
                if (line!.QuantityReturned !== null && line!.QuantityReturned !== undefined) fail('INVALID_STATUS', `${request.where}: ReturnOrderLineItem ${request.id} was already processed.`);
                const handled = request.returned + request.canceled + request.rejected;
                if (handled <= 0) fail('FIELD_INTEGRITY_EXCEPTION', `${request.where}: give a quantity to return, cancel or reject.`);
                if (handled > num(line, 'QuantityExpected')) fail('FIELD_INTEGRITY_EXCEPTION', `${request.where}: returned, canceled and rejected quantities (${handled}) exceed the ${num(line, 'QuantityExpected')} expected.`);
                return { request, line: line! as SObjectRecord, handled };
            });
            const returnedRequests = processed
                .filter((entry) => entry.request.returned > 0)
                .map((entry) => ({ orderItemSummaryId: String(entry.line.OrderItemSummaryId), quantity: entry.request.returned, reason: reasonOf(entry.line) }));
            const result = deps.store.transaction(deps.contextFor(req), (tx) => {
                const released = new Map<string, number>();
                const splits = processed.map(({ request, line, handled }) => {
                    const remaining = num(line, 'QuantityExpected') - handled;
                    tx.update('ReturnOrderLineItem', line.Id, {
                        QuantityExpected: handled,
                        QuantityReturned: request.returned,
                        QuantityRejected: request.rejected,
                        QuantityReceived: request.received ?? request.returned + request.rejected,
                        ...(request.reasonForRejection !== undefined ? { ReasonForRejection: request.reasonForRejection } : {})
                    });
                    const itemId = String(line.OrderItemSummaryId);
                    released.set(itemId, (released.get(itemId) ?? 0) + handled - request.returned);
                    if (remaining <= 0) return { processedReturnOrderLineItemId: line.Id, newReturnOrderLineItemId: null };
                    const split = tx.insert('ReturnOrderLineItem', {
                        ReturnOrderId: returnOrder.Id,
                        OrderItemSummaryId: line.OrderItemSummaryId,
                        OrderItemId: line.OrderItemId ?? null,
                        Product2Id: line.Product2Id ?? null,
                        QuantityExpected: remaining,
                        ReasonForReturn: line.ReasonForReturn ?? null,
                        Type: line.Type ?? 'Order Product'
                    });
                    return { processedReturnOrderLineItemId: line.Id, newReturnOrderLineItemId: split.Id };
                });
                // Canceled and rejected units leave the return: their reservation is released without a change order.
                for (const [itemId, quantity] of released) {
                    if (quantity > 0) tx.update('OrderItemSummary', itemId, quantityFields(withDelta(countersOf(tx.get(itemId)!), { QuantityReturnInitiated: -quantity })));
                }
                let changeOrderId: string | null = null;
                if (returnedRequests.length > 0) {
                    const withReleased = { ...orderSummary!, ...tx.get(orderSummary!.Id) };
                    const plan = planReturn(deps, withReleased, returnedRequests, tx.get.bind(tx));
                    changeOrderId = writeChangeOrder(tx, plan, (quantity) => ({ QuantityReturned: quantity, QuantityReturnInitiated: -quantity }));
                }
                return { changeOrderId, splits };
            });
            return { status: 201, output: { changeOrderId: result.changeOrderId, returnLineItemSplits: result.splits } };
        }
    };
}

function reasonOf(line: SObjectRecord): string {
    return typeof line.ReasonForReturn === 'string' ? line.ReasonForReturn : 'Unknown';
}

/** Plans the change order for processed returns; the reserved (return-initiated) units are what may be returned. */
function planReturn(deps: ConnectDeps, orderSummary: SObjectRecord, requests: { orderItemSummaryId: string; quantity: number; reason: string }[], get: (id: string) => SObjectRecord | undefined) {
    const reserved = (id: string) => requests.filter((r) => r.orderItemSummaryId === id).reduce((sum, r) => sum + r.quantity, 0);
    // Reserved (return-initiated) units become returnable for the plan; the writer moves them to returned.
    const view: RecordStoreApi = {
        transaction: (context, work) => deps.store.transaction(context, work),
        get: (id) => {
            const item = get(id);
            return item && item.OrderSummaryId === orderSummary.Id && reserved(id) > 0 ? { ...item, QuantityReturnInitiated: num(item, 'QuantityReturnInitiated') - reserved(id) } : item;
        },
        getIncludingDeleted: (id) => deps.store.getIncludingDeleted(id),
        all: (objectName, options) => deps.store.all(objectName, options),
        findBy: (objectName, field, value) => deps.store.findBy(objectName, field, value),
        onCommit: (listener) => deps.store.onCommit(listener)
    };
    const plan = planChange(view, orderSummary, 'return', requests);
    return { ...plan, lines: plan.lines.map((line) => ({ ...line, counters: countersOf(get(line.item.Id)!) })) };
}
