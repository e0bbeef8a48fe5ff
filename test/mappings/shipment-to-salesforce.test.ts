import { expect } from 'chai';
import { defaultMappingConfig } from '../../bridge/src/mappings/mapping-loader.ts';
import { shipmentToSalesforce } from '../../bridge/src/mappings/salesforce/shipment-to-salesforce.ts';
import { renderTemplate } from '../../bridge/src/mappings/template/json-template.ts';
import type { Shipment } from '../../bridge/src/model/index.ts';
import { contractFulfillmentOrder } from '../contract/contract-fixtures.ts';

const config = defaultMappingConfig();

describe('mappings/salesforce/shipment-to-salesforce', () => {
    const fo = contractFulfillmentOrder({ deliveryMethod: { id: '2DmX', carrier: 'UPS', service: 'Ground' } });
    fo.lines[0].productId = '01tA';
    const shipment: Shipment = {
        fulfillmentOrderId: fo.id,
        wmsShipmentId: 'SBX-1-P1',
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: '1Z123',
        lines: [{ fulfillmentOrderLineId: fo.lines[0].id, sku: 'SKU-RED-M', quantity: 2 }],
        partial: true,
        shippedAt: '2026-03-02T10:00:00Z'
    };

    it('builds Shipment and ShipmentItem records keyed by the WMS shipment ID', () => {
        const result = shipmentToSalesforce(shipment, fo, config);
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(result.value.shipment).to.deep.include({
            WMS_Shipment_Id__c: 'SBX-1-P1',
            FulfillmentOrderId: fo.id,
            OrderSummaryId: fo.orderSummaryId,
            DeliveryMethodId: '2DmX',
            ShipToName: 'Ada Lovelace',
            ShipToStreet: '12 Analytical Way\nApt 3',
            ShipToCountry: 'US',
            Provider: 'UPS',
            TrackingNumber: '1Z123',
            TrackingUrl: 'https://www.ups.com/track?loc=en_US&tracknum=1Z123',
            Status: 'Shipped',
            Carrier_Service__c: 'Ground'
        });
        expect(result.value.items).to.deep.equal([
            { attributes: { type: 'ShipmentItem' }, WMS_Shipment_Item_Id__c: `SBX-1-P1:${fo.lines[0].id}`, Shipment: { WMS_Shipment_Id__c: 'SBX-1-P1' }, Product2Id: '01tA', Quantity: 2 }
        ]);
        expect(result.value.completesOrder).to.equal(false);
    });

    it('refuses lines that are not on the order or ship more than ordered', () => {
        const bad = { ...shipment, lines: [{ fulfillmentOrderLineId: 'nope', sku: 'X', quantity: 1 }, { fulfillmentOrderLineId: fo.lines[1].id, sku: 'SKU-MUG', quantity: 5 }] };
        const result = shipmentToSalesforce(bad, fo, config);
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.problems.map((p) => p.path)).to.deep.equal(['lines[0].fulfillmentOrderLineId', 'lines[1].quantity']);
    });
});

describe('mappings/template/json-template', () => {
    it('fills values, loops with $each, omits optional values and reports every missing one', () => {
        const ctx = { order: { id: 'A1', lines: [{ sku: 'S1', qty: 2 }, { sku: 'S2', qty: 1 }] } };
        const ok = renderTemplate({ ref: 'FO {{order.id}}', id: '{{order.id}}', note: '{{order.note?}}', items: { $each: 'order.lines', $template: { sku: '{{item.sku}}', n: '{{item.qty}}' } } }, ctx);
        expect(ok).to.deep.equal({ ok: true, value: { ref: 'FO A1', id: 'A1', items: [{ sku: 'S1', n: 2 }, { sku: 'S2', n: 1 }] } });
        const bad = renderTemplate({ a: '{{order.missing}}', b: 'x {{__proto__.polluted}}' }, ctx);
        expect(bad.ok).to.equal(false);
        if (!bad.ok) expect(bad.problems.map((p) => p.path)).to.deep.equal(['a', 'b']);
    });
});
