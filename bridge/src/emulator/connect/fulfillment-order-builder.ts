/**
 * Creates FulfillmentOrders and their line items for one OrderDeliveryGroupSummary, the way the Connect
 * "Fulfillment Orders" resource does: one FulfillmentOrder per fulfillment group (location), one line item per
 * OrderItemSummary, QuantityAllocated raised on each item. Used by the Connect action and by storefront order
 * placement, inside the caller's transaction so a failure keeps nothing.
 */
import type { SObjectRecord, TransactionApi } from '../contracts.ts';
import { fail } from './connect-outcome.ts';
import { countersOf, availableToFulfill, quantityFields, withDelta } from './item-quantities.ts';
import { num, roundMoney, str } from './som-records.ts';

/** One fulfillment group: the location and the items (with quantities) it ships. */
export interface FulfillmentGroupSpec {
    fulfilledFromLocationId: string;
    /** A FulfillmentOrder Type value, e.g. "Warehouse" (matched case-insensitively). */
    fulfillmentType: string;
    items: { orderItemSummaryId: string; quantity: number }[];
}

export interface FulfillmentOrderSpec {
    orderSummaryId: string;
    orderDeliveryGroupSummaryId: string;
    /** Status of the new orders; must be in the Activated category. Default Allocated. */
    status: string;
    groups: FulfillmentGroupSpec[];
}

const FULFILLMENT_TYPES = ['Warehouse', 'Retail Store', 'Drop Ship', 'Digital'];
const TYPE_CATEGORY: Record<string, string> = { Warehouse: 'PHYSICAL', 'Retail Store': 'PHYSICAL', 'Drop Ship': 'DROPSHIP', Digital: 'DIGITAL' };

/** A created FulfillmentOrder and its line items, in input order. */
export interface BuiltFulfillmentOrder {
    id: string;
    lineIds: string[];
}

/** Inserts the FulfillmentOrders, one per group in group order. Logical problems fail the whole call. */
export function buildFulfillmentOrders(tx: TransactionApi, spec: FulfillmentOrderSpec): BuiltFulfillmentOrder[] {
    const orderSummary = tx.get(spec.orderSummaryId);
    if (!orderSummary || !spec.orderSummaryId.startsWith('1Os')) fail('INVALID_ID_FIELD', `No OrderSummary found with ID ${spec.orderSummaryId}.`);
    const deliveryGroup = tx.get(spec.orderDeliveryGroupSummaryId);
    if (!deliveryGroup || deliveryGroup.OrderSummaryId !== orderSummary!.Id) {
        fail('INVALID_ID_FIELD', `No OrderDeliveryGroupSummary ${spec.orderDeliveryGroupSummaryId} found on OrderSummary ${spec.orderSummaryId}.`);
    }
    const counters = new Map<string, ReturnType<typeof countersOf>>();
    const ids = spec.groups.map((group, index) => {
        const location = tx.get(group.fulfilledFromLocationId);
        if (!location || !group.fulfilledFromLocationId.startsWith('131')) {
            fail('INVALID_ID_FIELD', `fulfillmentGroups[${index}]: no Location found with ID ${group.fulfilledFromLocationId}.`);
        }
        const type = FULFILLMENT_TYPES.find((value) => value.toLowerCase() === group.fulfillmentType.toLowerCase());
        if (!type) fail('INVALID_API_INPUT', `fulfillmentGroups[${index}].fulfillmentType "${group.fulfillmentType}" is not a FulfillmentOrder Type value (${FULFILLMENT_TYPES.join(', ')}).`);
        const lines = group.items.map((item, itemIndex) => {
            const where = `fulfillmentGroups[${index}].orderItemSummaries[${itemIndex}]`;
            const summary = tx.get(item.orderItemSummaryId);
            if (!summary || summary.OrderSummaryId !== orderSummary!.Id) {
                fail('INVALID_ID_FIELD', `${where}: no OrderItemSummary ${item.orderItemSummaryId} found on OrderSummary ${spec.orderSummaryId}.`);
            }
            if (summary!.OrderDeliveryGroupSummaryId !== deliveryGroup!.Id) {
                fail('FIELD_INTEGRITY_EXCEPTION', `${where}: OrderItemSummary ${item.orderItemSummaryId} belongs to another OrderDeliveryGroupSummary.`);
            }
            const current = counters.get(summary!.Id) ?? countersOf(summary!);
            const available = availableToFulfill(current);
            if (item.quantity > available) {
                fail('FIELD_INTEGRITY_EXCEPTION', `${where}: quantity ${item.quantity} is more than the ${available} available to fulfill on OrderItemSummary ${summary!.Id}.`);
            }
            counters.set(summary!.Id, withDelta(current, { QuantityAllocated: item.quantity }));
            return { summary: summary!, quantity: item.quantity };
        });
        return insertFulfillmentOrder(tx, orderSummary!, deliveryGroup!, location!, type!, spec.status, lines);
    });
    for (const [id, next] of counters) tx.update('OrderItemSummary', id, quantityFields(next));
    return ids;
}

function insertFulfillmentOrder(
    tx: TransactionApi,
    orderSummary: SObjectRecord,
    deliveryGroup: SObjectRecord,
    location: SObjectRecord,
    type: string,
    status: string,
    lines: { summary: SObjectRecord; quantity: number }[]
): BuiltFulfillmentOrder {
    const amounts = lines.map(({ summary, quantity }) => {
        const ordered = num(summary, 'QuantityOrdered') || quantity;
        return { total: roundMoney(num(summary, 'UnitPrice') * quantity), tax: roundMoney((num(summary, 'TotalTaxAmount') * quantity) / ordered) };
    });
    const totalAmount = roundMoney(amounts.reduce((sum, a) => sum + a.total, 0));
    const totalTax = roundMoney(amounts.reduce((sum, a) => sum + a.tax, 0));
    const fulfillmentOrder = tx.insert('FulfillmentOrder', {
        OrderSummaryId: orderSummary.Id,
        OrderId: orderSummary.OriginalOrderId ?? null,
        AccountId: orderSummary.AccountId ?? null,
        DeliveryMethodId: deliveryGroup.OrderDeliveryMethodId,
        FulfilledFromLocationId: location.Id,
        FulfilledToName: str(deliveryGroup, 'DeliverToName') ?? 'Customer',
        FulfilledToStreet: deliveryGroup.DeliverToStreet ?? null,
        FulfilledToCity: deliveryGroup.DeliverToCity ?? null,
        FulfilledToState: deliveryGroup.DeliverToState ?? null,
        FulfilledToPostalCode: deliveryGroup.DeliverToPostalCode ?? null,
        FulfilledToCountry: deliveryGroup.DeliverToCountry ?? null,
        FulfilledToEmailAddress: deliveryGroup.EmailAddress ?? null,
        FulfilledToPhone: deliveryGroup.PhoneNumber ?? null,
        Status: status,
        Type: type,
        TypeCategory: TYPE_CATEGORY[type],
        TotalProductAmount: totalAmount,
        TotalAmount: totalAmount,
        TotalTaxAmount: totalTax,
        GrandTotalAmount: roundMoney(totalAmount + totalTax)
    });
    const lineIds = lines.map(({ summary, quantity }, index) => {
        return tx.insert('FulfillmentOrderLineItem', {
            FulfillmentOrderId: fulfillmentOrder.Id,
            OrderItemSummaryId: summary.Id,
            OrderItemId: summary.OriginalOrderItemId ?? null,
            Product2Id: summary.Product2Id ?? null,
            Description: summary.Description ?? null,
            Quantity: quantity,
            OriginalQuantity: quantity,
            UnitPrice: num(summary, 'UnitPrice'),
            TotalPrice: amounts[index].total,
            TotalLineAmount: amounts[index].total,
            TotalTaxAmount: amounts[index].tax,
            Type: 'Order Product',
            TypeCode: 'Product'
        }).Id;
    });
    return { id: fulfillmentOrder.Id, lineIds };
}
