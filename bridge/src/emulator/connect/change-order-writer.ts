/**
 * Writes a change order the way Order Management records one: an Order (801) holding negative OrderItems, one
 * OrderItemSummaryChange per item linking it to the OrderItemSummary, the item counters moved, and the
 * OrderSummary totals reduced. Credit memos later find the order summary through the OrderItemSummaryChanges.
 */
import type { TransactionApi } from '../contracts.ts';
import type { ChangePlan } from './change-plan.ts';
import { isoDate } from './dates.ts';
import { quantityFields, withDelta, type ItemCounters } from './item-quantities.ts';
import { num, roundMoney } from './som-records.ts';

/** How each changed unit moves the item counters, e.g. a return processed from a ReturnOrder. */
export type CounterMove = (quantity: number) => Partial<ItemCounters>;

const DEFAULT_MOVES: Record<ChangePlan['kind'], CounterMove> = {
    cancel: (quantity) => ({ QuantityCanceled: quantity }),
    return: (quantity) => ({ QuantityReturned: quantity })
};

export function writeChangeOrder(tx: TransactionApi, plan: ChangePlan, move: CounterMove = DEFAULT_MOVES[plan.kind]): string {
    const orderSummary = plan.orderSummary;
    const grand = plan.balances.grandTotalAmount;
    const changeOrder = tx.insert('Order', {
        AccountId: orderSummary.AccountId,
        EffectiveDate: isoDate(new Date()),
        Status: 'Activated',
        OrderReferenceNumber: `${String(orderSummary.OrderNumber ?? orderSummary.Id)}-${plan.kind === 'cancel' ? 'CXL' : 'RTN'}`,
        GrandTotalAmount: -grand,
        TotalTaxAmount: -plan.balances.totalTaxAmount
    });
    for (const line of plan.lines) {
        const changeItem = tx.insert('OrderItem', {
            OrderId: changeOrder.Id,
            Product2Id: line.item.Product2Id ?? null,
            Quantity: -line.quantity,
            UnitPrice: num(line.item, 'UnitPrice'),
            TotalLineAmount: -line.amount,
            Type: 'Order Product',
            Description: line.item.Description ?? null
        });
        tx.insert('OrderItemSummaryChange', {
            OrderSummaryId: orderSummary.Id,
            OrderItemSummaryId: line.item.Id,
            ChangeOrderItemId: changeItem.Id,
            ChangeType: plan.kind === 'cancel' ? 'Pre-Fulfillment Change' : 'Post-Fulfillment Change',
            Reason: line.reason,
            IsPreFulfillment: plan.kind === 'cancel'
        });
        tx.update('OrderItemSummary', line.item.Id, quantityFields(withDelta(line.counters, move(line.quantity))));
    }
    tx.update('OrderSummary', orderSummary.Id, {
        TotalAmount: roundMoney(num(orderSummary, 'TotalAmount') - plan.balances.totalAmount),
        TotalAdjustedProductAmount: roundMoney(num(orderSummary, 'TotalAdjustedProductAmount') - plan.balances.totalAdjustedProductAmount),
        TotalTaxAmount: roundMoney(num(orderSummary, 'TotalTaxAmount') - plan.balances.totalTaxAmount),
        GrandTotalAmount: roundMoney(num(orderSummary, 'GrandTotalAmount') - grand)
    });
    return changeOrder.Id;
}
