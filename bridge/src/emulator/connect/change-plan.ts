/**
 * Validates a Change Input (cancel or return of OrderItemSummary quantities) against the order's current
 * state and computes the Change Item Output ("changeBalances"). Values are positive: the docs give them the
 * opposite sign of the change order record, whose amounts are negative reductions.
 */
import type { RecordStoreApi, SObjectRecord } from '../contracts.ts';
import { readBody, requireObjectList, requirePositive, requireString, optionalBoolean, optionalString, type JsonObject } from './connect-input.ts';
import { fail } from './connect-outcome.ts';
import { categoryOfRecord } from './fulfillment-status.ts';
import { availableToCancel, availableToReturn, countersOf, type ItemCounters } from './item-quantities.ts';
import { excessFunds } from './order-balances.ts';
import { childrenOf, normalizeId, num, roundMoney } from './som-records.ts';
import { sfError } from '../rest/salesforce-error.ts';

export type ChangeKind = 'cancel' | 'return';

export interface ChangeLine {
    item: SObjectRecord;
    counters: ItemCounters;
    quantity: number;
    reason: string;
    amount: number;
    tax: number;
}

export interface ChangePlan {
    orderSummary: SObjectRecord;
    kind: ChangeKind;
    lines: ChangeLine[];
    balances: Record<string, number>;
}

const ITEM_FIELDS = ['orderItemSummaryId', 'quantity', 'reason', 'shippingReductionFlag', 'reasonForChangeText', 'changeItemFees'];

export function readChangeInput(body: unknown, reasons: string[] | undefined): { orderItemSummaryId: string; quantity: number; reason: string }[] {
    const input = readBody(body, 'ChangeInput', ['changeItems']);
    return requireObjectList(input, 'changeItems', 'changeInput', ITEM_FIELDS).map((item: JsonObject, index) => {
        const where = `changeInput.changeItems[${index}]`;
        const reason = requireString(item, 'reason', where);
        if (reasons && !reasons.includes(reason)) {
            throw sfError(400, 'INVALID_API_INPUT', `${where}.reason "${reason}" is not an OrderItemSummaryChange Reason value (${reasons.join(', ')}).`);
        }
        optionalBoolean(item, 'shippingReductionFlag', where);
        optionalString(item, 'reasonForChangeText', where);
        if (item.changeItemFees !== undefined) throw sfError(400, 'INVALID_API_INPUT', `${where}.changeItemFees: the emulator does not model return fees.`);
        return { orderItemSummaryId: normalizeId(requireString(item, 'orderItemSummaryId', where)), quantity: requirePositive(item, 'quantity', where), reason };
    });
}

/** Units of the item on closed (fulfilled) FulfillmentOrders; covers orders closed through plain sObject updates. */
export function fulfilledQuantity(store: RecordStoreApi, item: SObjectRecord): number {
    const shipped = childrenOf(store, 'FulfillmentOrderLineItem', 'OrderItemSummaryId', item.Id)
        .filter((line) => {
            const fulfillmentOrder = store.get(String(line.FulfillmentOrderId));
            return fulfillmentOrder !== undefined && categoryOfRecord(fulfillmentOrder) === 'CLOSED';
        })
        .reduce((sum, line) => sum + num(line, 'Quantity'), 0);
    return Math.max(num(item, 'QuantityFulfilled'), shipped);
}

export function planChange(store: RecordStoreApi, orderSummary: SObjectRecord, kind: ChangeKind, requests: ReturnType<typeof readChangeInput>): ChangePlan {
    const byItem = new Map<string, ChangeLine>();
    requests.forEach((request, index) => {
        const where = `changeItems[${index}]`;
        const item = store.get(request.orderItemSummaryId);
        if (!item || item.OrderSummaryId !== orderSummary.Id) {
            fail('INVALID_ID_FIELD', `${where}: no OrderItemSummary ${request.orderItemSummaryId} found on OrderSummary ${orderSummary.Id}.`);
        }
        if (item!.TypeCode === 'Charge') fail('FIELD_INTEGRITY_EXCEPTION', `${where}: OrderItemSummary ${item!.Id} is a charge; only products can be ${kind === 'cancel' ? 'canceled' : 'returned'}.`);
        const line = byItem.get(item!.Id) ?? { item: item!, counters: { ...countersOf(item!), QuantityFulfilled: fulfilledQuantity(store, item!) }, quantity: 0, reason: request.reason, amount: 0, tax: 0 };
        line.quantity += request.quantity;
        const available = kind === 'cancel' ? availableToCancel(line.counters) : availableToReturn(line.counters);
        if (line.quantity > available) {
            fail('FIELD_INTEGRITY_EXCEPTION', `${where}: quantity ${line.quantity} is more than the ${available} available to ${kind} on OrderItemSummary ${item!.Id}.`);
        }
        byItem.set(item!.Id, line);
    });
    const lines = [...byItem.values()].map((line) => {
        const ordered = num(line.item, 'QuantityOrdered') || 1;
        return { ...line, amount: roundMoney(num(line.item, 'UnitPrice') * line.quantity), tax: roundMoney((num(line.item, 'TotalTaxAmount') * line.quantity) / ordered) };
    });
    const totalAmount = roundMoney(lines.reduce((sum, line) => sum + line.amount, 0));
    const totalTax = roundMoney(lines.reduce((sum, line) => sum + line.tax, 0));
    const grand = roundMoney(totalAmount + totalTax);
    const excess = excessFunds(store, orderSummary, num(orderSummary, 'GrandTotalAmount') - (kind === 'cancel' ? grand : 0));
    return {
        orderSummary,
        kind,
        lines,
        balances: {
            grandTotalAmount: grand,
            totalAdjDeliveryAmtWithTax: 0,
            totalAdjDistAmountWithTax: 0,
            totalAdjProductAmtWithTax: grand,
            totalAdjustedDeliveryAmount: 0,
            totalAdjustedDeliveryTaxAmount: 0,
            totalAdjustedProductAmount: totalAmount,
            totalAdjustedProductTaxAmount: totalTax,
            totalAdjustmentDistributedAmount: 0,
            totalAdjustmentDistributedTaxAmount: 0,
            totalAmount,
            totalExcessFundsAmount: excess,
            totalRefundableAmount: roundMoney(excess + (kind === 'return' ? grand : 0)),
            totalTaxAmount: totalTax
        }
    };
}
