import { expect } from 'chai';
import { COLLECTION_LIMIT, WritebackBatcher } from '../../../bridge/src/salesforce/writeback/writeback-batcher.ts';
import type { CollectionResult, SalesforceRestPort } from '../../../bridge/src/salesforce/writeback/rest-port.ts';

/** Records the calls the batcher makes and answers each record by a rule, like the Collections API does. */
function recordingPort(answer: (record: Record<string, unknown>, callIndex: number) => CollectionResult) {
    const calls: { method: string; path: string; records: Record<string, unknown>[] }[] = [];
    const port: SalesforceRestPort = {
        async request<T>(method: string, path: string, body?: unknown): Promise<T> {
            const records = (body as { records: Record<string, unknown>[] }).records;
            calls.push({ method, path, records });
            const index = calls.length - 1;
            return records.map((r) => answer(r, index)) as T;
        }
    };
    return { port, calls };
}

const okResult = (r: Record<string, unknown>): CollectionResult => ({ id: String(r.Id ?? 'new'), success: true, errors: [] });

describe('salesforce/writeback/writeback-batcher', () => {
    it('coalesces writes of one object into Collections calls of at most 200 records', async () => {
        const { port, calls } = recordingPort(okResult);
        const batcher = new WritebackBatcher(port, { windowMs: 5 });
        const writes = Array.from({ length: 450 }, (_, i) => batcher.update('FulfillmentOrder', { Id: `0a3${String(i).padStart(15, '0')}`, Integration_Status__c: 'Sent' }));
        const results = await Promise.all(writes);
        expect(results.every((r) => r.success)).to.equal(true);
        expect(calls.map((c) => c.records.length)).to.deep.equal([COLLECTION_LIMIT, COLLECTION_LIMIT, 50]);
        expect(calls[0]).to.include({ method: 'PATCH', path: '/composite/sobjects' });
        expect(calls[0].records[0]).to.have.nested.property('attributes.type', 'FulfillmentOrder');
    });

    it('upserts through the external-ID Collections path and merges two writes to one record', async () => {
        const { port, calls } = recordingPort((r) => ({ id: 'a0S1', success: true, created: true, errors: [], echo: r } as CollectionResult));
        const batcher = new WritebackBatcher(port, { windowMs: 5 });
        const [a, b] = await Promise.all([
            batcher.upsert('Shipment', 'WMS_Shipment_Id__c', { WMS_Shipment_Id__c: 'S1', TrackingNumber: 'T1' }),
            batcher.upsert('Shipment', 'WMS_Shipment_Id__c', { WMS_Shipment_Id__c: 'S1', Status: 'Shipped' })
        ]);
        expect(calls).to.have.length(1);
        expect(calls[0].path).to.equal('/composite/sobjects/Shipment/WMS_Shipment_Id__c');
        expect(calls[0].records).to.have.length(1);
        expect(calls[0].records[0]).to.include({ TrackingNumber: 'T1', Status: 'Shipped' });
        expect(a).to.equal(b);
    });

    it('retries alone a record that failed on a row lock, leaving the others answered once', async () => {
        let lockFailures = 0;
        const { port, calls } = recordingPort((r, callIndex) => {
            if (r.Id === 'locked' && callIndex === 0) {
                lockFailures++;
                return { success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' }] };
            }
            return okResult(r);
        });
        const batcher = new WritebackBatcher(port, { windowMs: 5 });
        const results = await Promise.all(['a', 'locked', 'b'].map((Id) => batcher.update('Invoice', { Id })));
        expect(lockFailures).to.equal(1);
        expect(results.map((r) => r.success)).to.deep.equal([true, true, true]);
        expect(calls.map((c) => c.records.map((r) => r.Id))).to.deep.equal([['a', 'locked', 'b'], ['locked']]);
    });

    it('refuses an upsert without its external ID value and reports validation failures per record', async () => {
        const { port } = recordingPort((r) =>
            r.Id === 'bad' ? { success: false, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'bad value' }] } : okResult(r)
        );
        const batcher = new WritebackBatcher(port, { windowMs: 5 });
        await batcher.upsert('Shipment', 'WMS_Shipment_Id__c', { TrackingNumber: 'x' }).then(
            () => expect.fail('should refuse'),
            (err: Error) => expect(err.message).to.include('WMS_Shipment_Id__c')
        );
        const [good, bad] = await Promise.all([batcher.update('X', { Id: 'good' }), batcher.update('X', { Id: 'bad' })]);
        expect(good.success).to.equal(true);
        expect(bad.success).to.equal(false);
        expect(bad.errors[0].statusCode).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    });

    it('waits longer for company when the API budget is low, and flush() sends at once', async () => {
        const { port, calls } = recordingPort(okResult);
        const batcher = new WritebackBatcher(port, { windowMs: 1, lowBudgetWindowMs: 60_000, budgetLow: () => true });
        const pending = batcher.update('X', { Id: 'one' });
        await new Promise((r) => setTimeout(r, 30));
        expect(calls).to.have.length(0);
        await batcher.flush();
        expect((await pending).success).to.equal(true);
        expect(calls).to.have.length(1);
    });
});
