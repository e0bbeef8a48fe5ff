/**
 * Canonical fulfilment order → the flat, warehouse-ready document every WMS adapter starts from:
 * numbered lines, the address as line1..line3 plus the single-line form, dates in the configured
 * format. REST templates address its fields (`{{order.shipTo.line1}}`); the sandbox stores it as is.
 */
import type { FulfillmentOrder } from '../../model/index.ts';
import { formatDate } from '../dates.ts';
import type { MappingConfig } from '../mapping-config.ts';

export interface WmsOrderLine {
    lineNumber: number;
    /** Our line ID; the warehouse echoes it in shipments so quantities land on the right line. */
    lineRef: string;
    sku: string;
    description: string;
    quantity: number;
    unitOfMeasure: string;
    unitPrice: number;
}

export interface WmsOrderDocument {
    /** Our client reference (unique per order): the fulfilment order ID. */
    reference: string;
    orderNumber: string;
    orderSummaryId: string;
    warehouse: string;
    carrier: string;
    service: string;
    submittedAt: string;
    shipTo: {
        name: string;
        company?: string;
        line1: string;
        line2?: string;
        line3?: string;
        city: string;
        region?: string;
        postalCode?: string;
        country: string;
        singleLine: string;
        email?: string;
        phone?: string;
    };
    lines: WmsOrderLine[];
    totalQuantity: number;
}

export function toWmsShipTo(shipTo: FulfillmentOrder['shipTo']): WmsOrderDocument['shipTo'] {
    const [line1, line2, line3] = shipTo.lines;
    return {
        name: shipTo.name,
        ...(shipTo.company ? { company: shipTo.company } : {}),
        line1,
        ...(line2 ? { line2 } : {}),
        ...(line3 ? { line3 } : {}),
        city: shipTo.city,
        ...(shipTo.region ? { region: shipTo.region } : {}),
        ...(shipTo.postalCode ? { postalCode: shipTo.postalCode } : {}),
        country: shipTo.country,
        singleLine: shipTo.singleLine,
        ...(shipTo.email ? { email: shipTo.email } : {}),
        ...(shipTo.phone ? { phone: shipTo.phone } : {})
    };
}

export function toWmsOrderDocument(fo: FulfillmentOrder, config: MappingConfig, submittedAt: Date): WmsOrderDocument {
    return {
        reference: fo.id,
        orderNumber: fo.number,
        orderSummaryId: fo.orderSummaryId,
        warehouse: fo.locationCode,
        carrier: fo.deliveryMethod.carrier,
        service: fo.deliveryMethod.service,
        submittedAt: formatDate(submittedAt, config.dates.outbound),
        shipTo: toWmsShipTo(fo.shipTo),
        lines: fo.lines.map((line, i) => ({
            lineNumber: i + 1,
            lineRef: line.id,
            sku: line.sku,
            description: line.productName,
            quantity: line.quantity,
            unitOfMeasure: line.unitOfMeasure,
            unitPrice: line.unitPrice
        })),
        totalQuantity: fo.lines.reduce((sum, l) => sum + l.quantity, 0)
    };
}
