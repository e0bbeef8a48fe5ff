import { expect } from 'chai';
import type jsforce from 'jsforce';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { API_VERSION, connect, rawCall, startTestEmulator } from '../emulator-harness.ts';

const V = `/services/data/v${API_VERSION}`;

describe('emulator REST sObjects', () => {
    let emulator: RunningEmulator;
    let conn: jsforce.Connection;
    let methodId: string;

    before(async () => {
        emulator = await startTestEmulator();
        conn = await connect(emulator, { client: 'oms-bridge' });
        methodId = ((await conn.sobject('OrderDeliveryMethod').create({ Name: 'Ground' })) as { id: string }).id;
    });
    after(async () => emulator.stop());

    const newFo = (extra: Record<string, unknown> = {}) => ({ DeliveryMethodId: methodId, FulfilledToName: 'Ada', Type: 'Warehouse', Status: 'Allocated', ...extra });

    it('creates, retrieves, updates and deletes through jsforce', async () => {
        const created = (await conn.sobject('FulfillmentOrder').create(newFo())) as { id: string; success: boolean };
        expect(created.success).to.equal(true);
        expect(created.id).to.match(/^0a3[0-9A-Za-z]{15}$/);
        const record = (await conn.sobject('FulfillmentOrder').retrieve(created.id)) as Record<string, unknown>;
        expect(record).to.include({ Id: created.id, Status: 'Allocated', StatusCategory: 'ACTIVATED' });
        expect(record.attributes).to.deep.equal({ type: 'FulfillmentOrder', url: `${V}/sobjects/FulfillmentOrder/${created.id}` });
        await conn.sobject('FulfillmentOrder').update({ Id: created.id, Status: 'Fulfilled' });
        const partial = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/sobjects/FulfillmentOrder/${created.id}?fields=Status,StatusCategory`);
        expect(partial.json).to.deep.include({ Status: 'Fulfilled', StatusCategory: 'CLOSED' });
        expect(Object.keys(partial.json as object)).to.have.length(3);
        const change = emulator.store.all('FulfillmentOrder').find((r) => r.Id === created.id);
        expect(change?.LastModifiedById).to.equal(emulator.credentials.userId);
        await conn.sobject('FulfillmentOrder').destroy(created.id);
        const gone = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/sobjects/FulfillmentOrder/${created.id}`);
        expect(gone.status).to.equal(404);
        const again = await rawCall(emulator, conn.accessToken!, 'DELETE', `${V}/sobjects/FulfillmentOrder/${created.id}`);
        expect(again.json).to.deep.equal([{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }]);
    });

    it('passes Sforce-Call-Options client to the change context', async () => {
        const seen: (string | undefined)[] = [];
        const off = emulator.store.onCommit((t) => seen.push(t.context.callOptionsClient));
        await conn.sobject('Account').create({ Name: 'Acme' });
        off();
        expect(seen).to.deep.equal(['oms-bridge']);
    });

    it('upserts by external ID: 201 created, 200 updated, 300 on several matches, 404 for updateOnly and unknown fields', async () => {
        const path = `${V}/sobjects/Shipment/WMS_Shipment_Id__c`;
        const first = await rawCall(emulator, conn.accessToken!, 'PATCH', `${path}/WMS-1`, JSON.stringify({ ShipToName: 'Ada' }));
        expect(first.status).to.equal(201);
        expect(first.json).to.deep.include({ success: true, created: true });
        const second = await rawCall(emulator, conn.accessToken!, 'PATCH', `${path}/WMS-1`, JSON.stringify({ TrackingNumber: '1Z' }));
        expect(second.status).to.equal(200);
        expect(second.json).to.deep.include({ id: (first.json as { id: string }).id, created: false });
        const viaJsforce = (await conn.sobject('Shipment').upsert({ WMS_Shipment_Id__c: 'WMS-2', ShipToName: 'Bo' }, 'WMS_Shipment_Id__c')) as { created: boolean };
        expect(viaJsforce.created).to.equal(true);
        await conn.sobject('Shipment').create({ WMS_Shipment_Id__c: 'WMS-2', ShipToName: 'Cy' });
        const several = await rawCall(emulator, conn.accessToken!, 'PATCH', `${path}/WMS-2`, JSON.stringify({ ShipToName: 'Di' }));
        expect(several.status).to.equal(300);
        expect(several.json).to.have.length(2);
        expect((several.json as string[])[0]).to.match(new RegExp(`^${V}/sobjects/Shipment/0OF`));
        const updateOnly = await rawCall(emulator, conn.accessToken!, 'PATCH', `${path}/WMS-9?updateOnly=true`, JSON.stringify({ ShipToName: 'Ed' }));
        expect(updateOnly.status).to.equal(404);
        const unknown = await rawCall(emulator, conn.accessToken!, 'PATCH', `${V}/sobjects/Shipment/Nope__c/1`, JSON.stringify({ ShipToName: 'Ed' }));
        expect(unknown.status).to.equal(404);
        expect((unknown.json as { errorCode: string }[])[0].errorCode).to.equal('NOT_FOUND');
    });

    it('answers bad input with Salesforce errors, never a 500', async () => {
        const call = (body: string, path = `${V}/sobjects/FulfillmentOrder`) => rawCall(emulator, conn.accessToken!, 'POST', path, body);
        const malformed = await call('{"FulfilledToName": ');
        expect(malformed.status).to.equal(400);
        expect((malformed.json as { errorCode: string }[])[0].errorCode).to.equal('JSON_PARSER_ERROR');
        const unknown = await call(JSON.stringify(newFo({ Colour__c: 'red' })));
        expect(unknown.json).to.deep.equal([{ message: "No such column 'Colour__c' on sobject of type FulfillmentOrder", errorCode: 'INVALID_FIELD', fields: ['Colour__c'] }]);
        const wrongType = await call(JSON.stringify(newFo({ IsSuspended: 'maybe' })));
        expect(wrongType.status).to.equal(400);
        expect((wrongType.json as { errorCode: string }[])[0].errorCode).to.equal('JSON_PARSER_ERROR');
        const picklist = await call(JSON.stringify(newFo({ Integration_Status__c: 'Lost' })));
        expect(picklist.json).to.deep.equal([
            { message: 'Integration Status: bad value for restricted picklist field: Lost', errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Integration_Status__c'] }
        ]);
        const required = await call(JSON.stringify({ Provider: 'UPS' }), `${V}/sobjects/Shipment`);
        expect(required.json).to.deep.equal([{ message: 'Required fields are missing: [ShipToName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['ShipToName'] }]);
        const readOnly = await call(JSON.stringify(newFo({ StatusCategory: 'CLOSED' })));
        expect((readOnly.json as { errorCode: string }[])[0].errorCode).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
        const notCreatable = await call('{}', `${V}/sobjects/Invoice`);
        expect((notCreatable.json as { errorCode: string }[])[0].errorCode).to.equal('INVALID_TYPE_FOR_OPERATION');
        const unknownObject = await call('{}', `${V}/sobjects/Nope__c`);
        expect(unknownObject.status).to.equal(404);
    });

    it('refuses calls without a valid session', async () => {
        const none = await rawCall(emulator, undefined, 'GET', `${V}/sobjects`);
        expect(none.status).to.equal(401);
        expect(none.json).to.deep.equal([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        const versions = await rawCall(emulator, undefined, 'GET', '/services/data/');
        expect(versions.status).to.equal(200);
        expect(versions.json).to.deep.include({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
    });

    it('describes objects with fields, picklists and relationships', async () => {
        const describe = await conn.sobject('FulfillmentOrder').describe();
        expect(describe.keyPrefix).to.equal('0a3');
        const status = describe.fields.find((f) => f.name === 'Integration_Status__c')!;
        expect(status.restrictedPicklist).to.equal(true);
        expect(status.picklistValues!.map((p) => p.value)).to.deep.equal(['Pending', 'Sent', 'Failed']);
        const wms = describe.fields.find((f) => f.name === 'WMS_Order_Number__c')!;
        expect(wms).to.include({ externalId: true, idLookup: true, length: 80 });
        const os = describe.fields.find((f) => f.name === 'OrderSummaryId')!;
        expect(os).to.include({ relationshipName: 'OrderSummary', type: 'reference' });
        expect(describe.childRelationships.map((r) => r.relationshipName)).to.include('FulfillmentOrderLineItems');
        const global = await conn.describeGlobal();
        expect(global.sobjects.map((s) => s.name)).to.include.members(['OrderSummary', 'OMS_Integration_Milestone__e', 'Integration_Log__c']);
    });

    it('publishes platform events through POST /sobjects/X__e', async () => {
        const received: unknown[] = [];
        const off = emulator.bus.subscribe('/event/OMS_Integration_Milestone__e', (e) => received.push(e.payload));
        const result = await rawCall(emulator, conn.accessToken!, 'POST', `${V}/sobjects/OMS_Integration_Milestone__e`, JSON.stringify({ Record_Id__c: '0a3000000000001', Milestone__c: 'SENT' }));
        off();
        expect(result.status).to.equal(201);
        const body = result.json as { success: boolean; errors: { statusCode: string }[] };
        expect(body.success).to.equal(true);
        expect(body.errors[0].statusCode).to.equal('OPERATION_ENQUEUED');
        expect(received).to.have.length(1);
        expect(received[0]).to.include({ Milestone__c: 'SENT' });
    });
});
