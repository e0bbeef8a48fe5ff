import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaRegistry } from '../../../bridge/src/emulator/schema/schema-registry.ts';
import { SalesforceApiError } from '../../../bridge/src/emulator/rest/salesforce-error.ts';
import { fixtureSchema } from '../fixtures.ts';

describe('emulator SchemaRegistry', () => {
    const schema = fixtureSchema();

    it('models the standard SOM objects with their key prefixes and relationships', () => {
        const fo = schema.require('FulfillmentOrder');
        expect(fo.keyPrefix).to.equal('0a3');
        expect(schema.byKeyPrefix('1Os')?.name).to.equal('OrderSummary');
        expect(fo.fields.StatusCategory.restrictedPicklist).to.equal(true);
        expect(schema.require('Shipment').fields.ShipToName.required).to.equal(true);
        expect(schema.require('ProcessException').fields.Message.required).to.equal(true);
        const rels = (name: string) => schema.require(name).childRelationships.map((r) => r.relationshipName);
        expect(rels('FulfillmentOrder')).to.include('FulfillmentOrderLineItems');
        expect(rels('Shipment')).to.include('ShipmentItems');
        expect(rels('OrderSummary')).to.include.members(['OrderItemSummaries', 'FulfillmentOrders', 'OrderDeliveryGroupSummaries']);
        expect(fo.fields.OrderSummaryId.relationshipName).to.equal('OrderSummary');
    });

    it('matches object names case-insensitively and refuses unknown ones with INVALID_TYPE', () => {
        expect(schema.get('fulfillmentorder')?.name).to.equal('FulfillmentOrder');
        expect(() => schema.require('Nope__c')).to.throw(SalesforceApiError).with.property('errors').that.deep.includes({
            errorCode: 'INVALID_TYPE',
            message: "sObject type 'Nope__c' is not supported.",
            fields: undefined
        });
    });

    it('reads custom fields, objects, events and channels from force-app metadata', () => {
        const wms = schema.require('FulfillmentOrder').fields.WMS_Order_Number__c;
        expect(wms).to.include({ type: 'string', length: 80, externalId: true, unique: true, custom: true });
        expect(wms.inlineHelpText).to.match(/warehouse/);
        const status = schema.require('FulfillmentOrder').fields.Integration_Status__c;
        expect(status).to.include({ type: 'picklist', restrictedPicklist: true, defaultValue: 'Pending' });
        expect(status.picklistValues).to.deep.equal(['Pending', 'Sent', 'Failed']);
        const event = schema.require('OMS_Integration_Milestone__e');
        expect(event.isPlatformEvent).to.equal(true);
        expect(event.fields.Record_Id__c.required).to.equal(true);
        const log = schema.require('Integration_Log__c');
        expect(log.keyPrefix).to.match(/^a[0-9A-Za-z]{2}$/);
        expect(log.fields.Attempts__c.type).to.equal('double');
        expect(log.fields.Fulfillment_Order__c.relationshipName).to.equal('Fulfillment_Order__r');
        expect(schema.require('FulfillmentOrder').childRelationships).to.deep.include({
            childSObject: 'Integration_Log__c',
            field: 'Fulfillment_Order__c',
            relationshipName: 'Integration_Logs__r'
        });
        expect(schema.customAutoNumbers('Integration_Log__c')).to.deep.equal(['Name']);
        expect(schema.cdcEntities()).to.have.members(['FulfillmentOrder', 'Shipment']);
        expect(schema.customChannels()).to.deep.equal([{ name: 'OMS_Events__chn', channelType: 'event', members: ['OMS_Integration_Milestone__e'] }]);
    });

    it('names the file when metadata is broken', () => {
        const dir = mkdtempSync(join(tmpdir(), 'omsb-schema-'));
        mkdirSync(join(dir, 'main/default/objects/Shipment/fields'), { recursive: true });
        const file = join(dir, 'main/default/objects/Shipment/fields/Bad__c.field-meta.xml');
        writeFileSync(file, '<CustomField><fullName>Bad__c</fullName><type>Text</type>');
        expect(() => SchemaRegistry.load({ forceAppDir: dir })).to.throw(/Bad__c\.field-meta\.xml: invalid XML/);
        writeFileSync(file, '<CustomField><fullName>Bad__c</fullName><type>Hologram</type></CustomField>');
        expect(() => SchemaRegistry.load({ forceAppDir: dir })).to.throw(/field type 'Hologram' of Bad__c is not supported/);
    });
});
