import { expect } from 'chai';
import type jsforce from 'jsforce';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { API_VERSION, connect, rawCall, startTestEmulator } from '../emulator-harness.ts';

const V = `/services/data/v${API_VERSION}`;

interface SaveResult {
    id?: string | null;
    success: boolean;
    errors: { statusCode: string; message: string; fields: string[] }[];
    created?: boolean;
}

describe('emulator REST sObject Collections', () => {
    let emulator: RunningEmulator;
    let conn: jsforce.Connection;
    before(async () => {
        emulator = await startTestEmulator();
        conn = await connect(emulator);
    });
    after(async () => emulator.stop());

    const accounts = (n: number) => Array.from({ length: n }, (_, i) => ({ Name: `Account ${i}` }));

    it('creates 200 records in one call with results in input order', async () => {
        const before = emulator.usage.count;
        const results = (await conn.sobject('Account').create(accounts(200))) as SaveResult[];
        expect(emulator.usage.count - before).to.equal(1);
        expect(results).to.have.length(200);
        expect(results.every((r) => r.success)).to.equal(true);
        expect(emulator.store.get(results[199].id!)?.Name).to.equal('Account 199');
    });

    it('refuses 201 records with EXCEEDED_ID_LIMIT and creates none', async () => {
        const count = emulator.store.all('Account').length;
        const body = JSON.stringify({ records: accounts(201).map((a) => ({ attributes: { type: 'Account' }, ...a })) });
        const response = await rawCall(emulator, conn.accessToken!, 'POST', `${V}/composite/sobjects`, body);
        expect(response.status).to.equal(400);
        expect(response.json).to.deep.equal([{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT', fields: [] }]);
        expect(emulator.store.all('Account')).to.have.length(count);
    });

    it('keeps valid records when allOrNone is false and rolls all back when true', async () => {
        const mixed = [{ Name: 'Good 1' }, { Phone: '1' }, { Name: 'Good 2' }];
        const partial = (await conn.sobject('Account').create(mixed, { allOrNone: false })) as SaveResult[];
        expect(partial.map((r) => r.success)).to.deep.equal([true, false, true]);
        expect(partial[1].errors[0]).to.deep.equal({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] });
        const count = emulator.store.all('Account').length;
        const all = (await conn.sobject('Account').create(mixed, { allOrNone: true })) as SaveResult[];
        expect(all.map((r) => r.success)).to.deep.equal([false, false, false]);
        expect(all[0].errors[0].statusCode).to.equal('ALL_OR_NONE_OPERATION_ROLLED_BACK');
        expect(all[1].errors[0].statusCode).to.equal('REQUIRED_FIELD_MISSING');
        expect(emulator.store.all('Account')).to.have.length(count);
    });

    it('emits one committed transaction for a collection call', async () => {
        const commits: number[] = [];
        const off = emulator.store.onCommit((t) => commits.push(t.changes.length));
        await conn.sobject('Account').create(accounts(5));
        off();
        expect(commits).to.deep.equal([5]);
    });

    it('updates, upserts, retrieves and deletes collections', async () => {
        const created = (await conn.sobject('Account').create(accounts(3))) as SaveResult[];
        const ids = created.map((r) => r.id!);
        const updated = (await conn.sobject('Account').update(ids.map((Id, i) => ({ Id, Phone: `555-${i}` })))) as SaveResult[];
        expect(updated.every((r) => r.success)).to.equal(true);
        const retrieved = await rawCall(emulator, conn.accessToken!, 'GET', `${V}/composite/sobjects/Account?ids=${ids.join(',')}&fields=Id,Phone`);
        expect((retrieved.json as { Phone: string }[]).map((r) => r.Phone)).to.deep.equal(['555-0', '555-1', '555-2']);
        const upsertBody = JSON.stringify({
            allOrNone: false,
            records: [
                { attributes: { type: 'FulfillmentOrder' }, WMS_Order_Number__c: 'X-1', FulfilledToName: 'A' },
                { attributes: { type: 'FulfillmentOrder' }, WMS_Order_Number__c: 'X-2' }
            ]
        });
        const upserted = await rawCall(emulator, conn.accessToken!, 'PATCH', `${V}/composite/sobjects/FulfillmentOrder/WMS_Order_Number__c`, upsertBody);
        const results = upserted.json as SaveResult[];
        expect(results[0].success).to.equal(false);
        expect(results[0].errors[0].statusCode).to.equal('REQUIRED_FIELD_MISSING');
        expect(results[1].success).to.equal(false);
        const deleted = (await conn.sobject('Account').destroy(ids)) as SaveResult[];
        expect(deleted.map((r) => r.success)).to.deep.equal([true, true, true]);
        expect(emulator.store.get(ids[0])).to.equal(undefined);
    });
});
