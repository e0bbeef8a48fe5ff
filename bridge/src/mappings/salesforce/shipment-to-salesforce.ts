/**
 * Warehouse shipment → Salesforce Shipment + ShipmentItem record shapes, ready for an sObject
 * Collections upsert on the external ID `WMS_Shipment_Id__c` (so a duplicate confirmation updates the
 * same Shipment instead of creating a second). Items reference their parent by that external ID and
 * carry their own external ID, `<wmsShipmentId>:<fulfilment order line ID>`.
 */
import type { FulfillmentOrder, Shipment } from '../../model/index.ts';
import { providerFor, trackingUrlFor } from '../carriers.ts';
import type { MappingConfig } from '../mapping-config.ts';
import { ProblemList, type MappingResult } from '../mapping-result.ts';

export const SHIPMENT_EXTERNAL_ID = 'WMS_Shipment_Id__c';
export const SHIPMENT_ITEM_EXTERNAL_ID = 'WMS_Shipment_Item_Id__c';

export interface SalesforceShipmentRecord {
    attributes: { type: 'Shipment' };
    WMS_Shipment_Id__c: string;
    FulfillmentOrderId: string;
    OrderSummaryId: string;
    DeliveryMethodId?: string;
    ShipToName: string;
    ShipToStreet: string;
    ShipToCity: string;
    ShipToState?: string;
    ShipToPostalCode?: string;
    ShipToCountry: string;
    Provider: string;
    TrackingNumber: string;
    TrackingUrl?: string;
    Status: string;
    Carrier_Service__c: string;
}

export interface SalesforceShipmentItemRecord {
    attributes: { type: 'ShipmentItem' };
    WMS_Shipment_Item_Id__c: string;
    /** Parent by external ID, so items can be written in the same batch as their Shipment. */
    Shipment: { WMS_Shipment_Id__c: string };
    Product2Id?: string;
    Quantity: number;
}

export interface SalesforceShipmentWrite {
    shipment: SalesforceShipmentRecord;
    items: SalesforceShipmentItemRecord[];
    /** Quantity shipped per fulfilment order line ID in this shipment (for the shipped-quantity record). */
    shippedByLine: Record<string, number>;
    /** True when this shipment leaves nothing open (the FO can move to Fulfilled). */
    completesOrder: boolean;
}

export function shipmentToSalesforce(
    shipment: Shipment,
    fo: FulfillmentOrder,
    config: MappingConfig,
    options: { status?: string } = {}
): MappingResult<SalesforceShipmentWrite> {
    const problems = new ProblemList();
    if (shipment.fulfillmentOrderId !== fo.id) {
        problems.add('fulfillmentOrderId', `is ${shipment.fulfillmentOrderId} but the fulfilment order given is ${fo.id}`);
    }
    const linesById = new Map(fo.lines.map((l) => [l.id, l]));
    const shippedByLine: Record<string, number> = {};
    shipment.lines.forEach((line, i) => {
        const ordered = linesById.get(line.fulfillmentOrderLineId);
        if (!ordered) {
            problems.add(`lines[${i}].fulfillmentOrderLineId`, `${line.fulfillmentOrderLineId} is not a line of ${fo.number}`);
            return;
        }
        shippedByLine[line.fulfillmentOrderLineId] = (shippedByLine[line.fulfillmentOrderLineId] ?? 0) + line.quantity;
        if (shippedByLine[line.fulfillmentOrderLineId] > ordered.quantity) {
            problems.add(`lines[${i}].quantity`, `ships ${shippedByLine[line.fulfillmentOrderLineId]} of ${line.sku} but only ${ordered.quantity} were ordered`);
        }
    });
    const trackingUrl = shipment.trackingUrl ?? trackingUrlFor(shipment.carrier, shipment.trackingNumber, config);
    return problems.result(() => ({
        shipment: {
            attributes: { type: 'Shipment' },
            WMS_Shipment_Id__c: shipment.wmsShipmentId,
            FulfillmentOrderId: fo.id,
            OrderSummaryId: fo.orderSummaryId,
            ...(fo.deliveryMethod.id ? { DeliveryMethodId: fo.deliveryMethod.id } : {}),
            ShipToName: fo.shipTo.name,
            ShipToStreet: fo.shipTo.lines.join('\n'),
            ShipToCity: fo.shipTo.city,
            ...(fo.shipTo.region ? { ShipToState: fo.shipTo.region } : {}),
            ...(fo.shipTo.postalCode ? { ShipToPostalCode: fo.shipTo.postalCode } : {}),
            ShipToCountry: fo.shipTo.country,
            Provider: providerFor(shipment.carrier, config),
            TrackingNumber: shipment.trackingNumber,
            ...(trackingUrl ? { TrackingUrl: trackingUrl } : {}),
            Status: options.status ?? 'Shipped',
            Carrier_Service__c: shipment.service
        },
        items: Object.entries(shippedByLine).map(([lineId, quantity]) => ({
            attributes: { type: 'ShipmentItem' as const },
            WMS_Shipment_Item_Id__c: `${shipment.wmsShipmentId}:${lineId}`,
            Shipment: { WMS_Shipment_Id__c: shipment.wmsShipmentId },
            ...(linesById.get(lineId)?.productId ? { Product2Id: linesById.get(lineId)?.productId } : {}),
            Quantity: quantity
        })),
        shippedByLine,
        completesOrder: !shipment.partial
    }));
}
