import { z } from 'zod';
import { isoDateTime, nonNegativeQuantity, positiveQuantity, text } from './common.ts';
import { shipmentSchema } from './shipment.ts';

/**
 * Everything a warehouse tells us about an order, as one discriminated union on `type`.
 * `eventId` is unique per event (dedupe key); `sequence` orders one order's events, since transports
 * (webhooks, polling) may deliver them out of order.
 */
const base = {
    eventId: text(),
    fulfillmentOrderId: text(),
    wmsOrderNumber: text(),
    sequence: z.number().int().nonnegative(),
    occurredAt: isoDateTime
};

export const shortLineSchema = z.object({
    fulfillmentOrderLineId: text(),
    sku: text(),
    quantityOrdered: positiveQuantity,
    quantityShort: positiveQuantity
});
export type ShortLine = z.infer<typeof shortLineSchema>;

export const pickedLineSchema = z.object({
    fulfillmentOrderLineId: text(),
    sku: text(),
    quantity: nonNegativeQuantity
});

export const wmsEventSchema = z.discriminatedUnion('type', [
    z.object({ ...base, type: z.literal('acknowledged') }),
    z.object({ ...base, type: z.literal('picked'), lines: z.array(pickedLineSchema).min(1) }),
    z.object({ ...base, type: z.literal('packed'), parcels: z.number().int().positive() }),
    z.object({ ...base, type: z.literal('shipped'), shipment: shipmentSchema }),
    z.object({ ...base, type: z.literal('short_picked'), lines: z.array(shortLineSchema).min(1) })
]);
export type WmsEvent = z.infer<typeof wmsEventSchema>;
export type WmsEventType = WmsEvent['type'];
export type ShippedEvent = Extract<WmsEvent, { type: 'shipped' }>;
export type ShortPickedEvent = Extract<WmsEvent, { type: 'short_picked' }>;
