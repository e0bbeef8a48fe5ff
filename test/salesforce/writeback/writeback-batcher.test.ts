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

describe('salesforce/writeback/writeback-batcher — several objects in one window', () => {
    /** Answers /composite by running each collection subrequest through the same per-record rule. */
    function compositePort() {
        const calls: { method: string; path: string; body: unknown }[] = [];
        const port: SalesforceRestPort = {
            basePath: '/services/data/v66.0',
            async request<T>(method: string, path: string, body?: unknown): Promise<T> {
                calls.push({ method, path, body });
                if (path === '/composite') {
                    const requests = (body as { compositeRequest: { url: string; referenceId: string; body: { records: Record<string, unknown>[] } }[] }).compositeRequest;
                    return {
                        compositeResponse: requests.map((r) => {
                            const broken = (r.body.records[0].attributes as { type: string }).type === 'Broken';
                            return {
                                referenceId: r.referenceId,
                                httpStatusCode: broken ? 400 : 200,
                                body: broken ? [{ errorCode: 'INVALID_TYPE', message: 'no such object' }] : r.body.records.map((rec) => okResult(rec))
                            };
                        })
                    } as T;
                }
                return (body as { records: Record<string, unknown>[] }).records.map((rec) => okResult(rec)) as T;
            }
        };
        return { port, calls };
    }

    it('sends the batches ready together as one Composite call, in first-write order, with full resource URLs', async () => {
        const { port, calls } = compositePort();
        let apiCalls = 0;
        const batcher = new WritebackBatcher(port, { windowMs: 5, onApiCall: () => apiCalls++ });
        const results = await Promise.all([
            batcher.upsert('Shipment', 'WMS_Shipment_Id__c', { WMS_Shipment_Id__c: 'S1' }),
            batcher.update('FulfillmentOrder', { Id: 'fo1', Status: 'Fulfilled' }),
            batcher.update('Invoice', { Id: 'inv1', ERP_Posting_Status__c: 'Posted' }),
            batcher.update('FulfillmentOrder', { Id: 'fo2', Status: 'Fulfilled' })
        ]);
        expect(results.every((r) => r.success)).to.equal(true);
        expect(calls).to.have.length(1);
        expect(apiCalls).to.equal(1);
        const urls = (calls[0].body as { compositeRequest: { url: string }[] }).compositeRequest.map((r) => r.url);
        expect(urls).to.deep.equal([
            '/services/data/v66.0/composite/sobjects/Shipment/WMS_Shipment_Id__c',
            '/services/data/v66.0/composite/sobjects',
            '/services/data/v66.0/composite/sobjects'
        ]);
    });

    it('uses several Composite calls past five collections, and fails only the callers of a refused collection', async () => {
        const { port, calls } = compositePort();
        const batcher = new WritebackBatcher(port, { windowMs: 5 });
        const objects = ['A', 'B', 'C', 'Broken', 'E', 'F', 'G'];
        const outcomes = await Promise.allSettled(objects.map((o) => batcher.update(o, { Id: `${o}1` })));
        expect(calls.map((c) => c.path)).to.deep.equal(['/composite', '/composite']);
        expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
        expect(String((outcomes[3] as PromiseRejectedResult).reason)).to.include('INVALID_TYPE');
    });
    it('while every call slot is busy, gathers later windows into one fuller call sent when a slot frees', async () => {
        const answered: (() => void)[] = [];
        const calls: number[] = [];
        const port: SalesforceRestPort = {
            async request<T>(_method: string, _path: string, body?: unknown): Promise<T> {
                const records = (body as { records: Record<string, unknown>[] }).records;
                calls.push(records.length);
                await new Promise<void>((resolve) => answered.push(resolve));
                return records.map(okResult) as T;
            }
        };
        const batcher = new WritebackBatcher(port, { windowMs: 2, maxInFlight: 1 });
        const first = batcher.update('FulfillmentOrder', { Id: 'fo-1' });
        await new Promise((r) => setTimeout(r, 10));
        expect(calls).to.deep.equal([1]);
        // Three windows close while the first call is out: nothing is sent until it answers.
        const later: Promise<CollectionResult>[] = [];
        for (let i = 2; i <= 4; i++) {
            later.push(batcher.update('FulfillmentOrder', { Id: `fo-${i}` }));
            await new Promise((r) => setTimeout(r, 10));
        }
        expect(calls).to.deep.equal([1]);
        answered.shift()?.();
        expect((await first).success).to.equal(true);
        await new Promise((r) => setTimeout(r, 5));
        expect(calls).to.deep.equal([1, 3]);
        answered.shift()?.();
        expect((await Promise.all(later)).every((r) => r.success)).to.equal(true);
    });
});
