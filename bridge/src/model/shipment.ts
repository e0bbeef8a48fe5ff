import { z } from 'zod';
import { carrierCode, isoDateTime, positiveQuantity, text } from './common.ts';

export const shippedLineSchema = z.object({
    /** The fulfilment order line this parcel content belongs to. */
    fulfillmentOrderLineId: text(),
    sku: text(),
    quantity: positiveQuantity
});
export type ShippedLine = z.infer<typeof shippedLineSchema>;

/**
 * One parcel (or consignment) confirmed shipped by the warehouse. A fulfilment order may produce
 * several: a split shipment is several Shipments; `partial` says lines remain open after this one.
 */
export const shipmentSchema = z.object({
    fulfillmentOrderId: text(),
    /** The warehouse's own ID for this shipment; unique per shipment and the write-back's external ID. */
    wmsShipmentId: text(),
    wmsOrderNumber: text().optional(),
    carrier: carrierCode,
    service: text(),
    trackingNumber: text(),
    trackingUrl: z.url().optional(),
    lines: z.array(shippedLineSchema).min(1),
    partial: z.boolean(),
    shippedAt: isoDateTime
});
export type Shipment = z.infer<typeof shipmentSchema>;
