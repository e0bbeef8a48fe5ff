/**
 * Moves a seeded FulfillmentOrder along its lifecycle with the record changes a warehouse integration would
 * have made: picking status, a Shipment with items and tracking on fulfilment (plus QuantityFulfilled on the
 * items), an invoice as create-invoice makes it, or a full cancellation.
 */
import type { TransactionApi } from '../contracts.ts';
import type { BuiltFulfillmentOrder } from '../connect/fulfillment-order-builder.ts';
import { buildInvoice } from '../connect/invoice-builder.ts';
import { countersOf, quantityFields, withDelta } from '../connect/item-quantities.ts';
import { isoDateTime } from '../connect/dates.ts';
import { num } from '../connect/som-records.ts';
import { DELIVERY_METHODS } from './seed-catalog.ts';
import { digits, pick, type Random } from './seeded-random.ts';

export type LifecycleStage = 'allocated' | 'fulfilling' | 'fulfilled' | 'invoiced' | 'cancelled';

export function advanceFulfillmentOrder(
    tx: TransactionApi,
    random: Random,
    built: BuiltFulfillmentOrder,
    stage: LifecycleStage,
    orderedAt: Date
): { shipments: number; invoices: number } {
    if (stage === 'allocated') return { shipments: 0, invoices: 0 };
    if (stage === 'fulfilling') {
        tx.update('FulfillmentOrder', built.id, { Status: pick(random, ['Assigned', 'Pickpack', 'Pick Complete']) });
        return { shipments: 0, invoices: 0 };
    }
    const lines = built.lineIds.map((id) => tx.get(id)!);
    if (stage === 'cancelled') {
        for (const line of lines) {
            tx.update('FulfillmentOrderLineItem', line.Id, { Quantity: 0, TotalPrice: 0, TotalLineAmount: 0, TotalTaxAmount: 0 });
            const summary = tx.get(String(line.OrderItemSummaryId))!;
            const quantity = num(line, 'Quantity');
            tx.update('OrderItemSummary', summary.Id, quantityFields(withDelta(countersOf(summary), { QuantityAllocated: -quantity, QuantityCanceled: quantity })));
        }
        tx.update('FulfillmentOrder', built.id, { Status: 'Cancelled', TotalAmount: 0, TotalProductAmount: 0, TotalTaxAmount: 0, GrandTotalAmount: 0 });
        return { shipments: 0, invoices: 0 };
    }
    const fulfillmentOrder = tx.get(built.id)!;
    const shippedAt = new Date(orderedAt.getTime() + (1 + Math.floor(random() * 3)) * 86_400_000);
    const method = DELIVERY_METHODS.find((candidate) => candidate.name === tx.get(String(fulfillmentOrder.DeliveryMethodId))?.Name) ?? DELIVERY_METHODS[0];
    const trackingNumber = method.carrier === 'UPS' ? `1Z${digits(random, 16)}` : digits(random, method.carrier === 'USPS' ? 22 : 12);
    const shipment = tx.insert('Shipment', {
        FulfillmentOrderId: built.id,
        OrderSummaryId: fulfillmentOrder.OrderSummaryId,
        DeliveryMethodId: fulfillmentOrder.DeliveryMethodId,
        SourceLocationId: fulfillmentOrder.FulfilledFromLocationId,
        ShipToName: fulfillmentOrder.FulfilledToName,
        ShipToStreet: fulfillmentOrder.FulfilledToStreet,
        ShipToCity: fulfillmentOrder.FulfilledToCity,
        ShipToState: fulfillmentOrder.FulfilledToState,
        ShipToPostalCode: fulfillmentOrder.FulfilledToPostalCode,
        ShipToCountry: fulfillmentOrder.FulfilledToCountry,
        Provider: method.carrier,
        TrackingNumber: trackingNumber,
        TrackingUrl: `${method.trackingUrl}${trackingNumber}`,
        Status: 'Shipped',
        ShippedDate: isoDateTime(shippedAt)
    });
    for (const line of lines) {
        tx.insert('ShipmentItem', {
            ShipmentId: shipment.Id,
            Product2Id: line.Product2Id,
            Quantity: num(line, 'Quantity'),
            FulfillmentOrderLineItemId: line.Id,
            OrderItemSummaryId: line.OrderItemSummaryId
        });
        const summary = tx.get(String(line.OrderItemSummaryId))!;
        tx.update('OrderItemSummary', summary.Id, quantityFields(withDelta(countersOf(summary), { QuantityFulfilled: num(line, 'Quantity') })));
    }
    tx.update('FulfillmentOrder', built.id, { Status: 'Fulfilled', ClosedDate: isoDateTime(shippedAt) });
    if (stage !== 'invoiced') return { shipments: 1, invoices: 0 };
    const orderSummary = tx.get(String(fulfillmentOrder.OrderSummaryId));
    buildInvoice(tx, tx.get(built.id)!, lines, orderSummary, shippedAt);
    return { shipments: 1, invoices: 1 };
}
