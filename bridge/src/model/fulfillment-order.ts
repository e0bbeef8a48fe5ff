import { z } from 'zod';
import { addressSchema, carrierCode, currencyCode, money, positiveQuantity, text } from './common.ts';

/** One physical line to pick and ship. `id` is the source line ID, echoed back by shipments. */
export const fulfillmentOrderLineSchema = z.object({
    id: text(),
    /** Source product and order-item references, kept for the write-back. */
    productId: text().optional(),
    orderItemSummaryId: text().optional(),
    sku: text(),
    productName: text(),
    quantity: positiveQuantity,
    unitPrice: money.nonnegative(),
    unitOfMeasure: text()
});
export type FulfillmentOrderLine = z.infer<typeof fulfillmentOrderLineSchema>;

/** How the order travels: the normalised carrier and its service level. */
export const deliveryMethodSchema = z.object({
    /** Source delivery method reference (e.g. an OrderDeliveryMethod ID). */
    id: text().optional(),
    name: text().optional(),
    carrier: carrierCode,
    service: text()
});
export type DeliveryMethod = z.infer<typeof deliveryMethodSchema>;

/** A fulfilment order as sent to a warehouse: what to ship, where from, where to, and how. */
export const fulfillmentOrderSchema = z.object({
    id: text(),
    number: text(),
    orderSummaryId: text(),
    accountId: text(),
    currency: currencyCode.optional(),
    lines: z.array(fulfillmentOrderLineSchema).min(1),
    shipTo: addressSchema,
    deliveryMethod: deliveryMethodSchema,
    /** Code of the location that fulfils the order, already cross-referenced to the warehouse's code. */
    locationCode: text(),
    correlationId: text(),
    /** Monotonic version of the source record (e.g. its last-modified time in ms); newer wins. */
    version: z.number().int().nonnegative()
});
export type FulfillmentOrder = z.infer<typeof fulfillmentOrderSchema>;
