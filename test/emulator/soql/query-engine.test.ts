import { expect } from 'chai';
import { QueryEngine, type QueryResult } from '../../../bridge/src/emulator/soql/query-engine.ts';
import { expectSfError } from './expect-sf-error.ts';
import { FakeSchema, FakeStore, seedFakeOrg } from './fake-org.ts';

const NOW = Date.parse('2026-11-15T12:00:00Z');
const V = '66.0';

describe('QueryEngine: result shape, relationships, pagination', () => {
    let org: ReturnType<typeof seedFakeOrg>;
    let engine: QueryEngine;
    const query = (soql: string, includeDeleted = false, batchSize?: number): QueryResult =>
        engine.execute(soql, { includeDeleted, apiVersion: V, batchSize });

    beforeEach(() => {
        org = seedFakeOrg();
        engine = new QueryEngine({ schema: org.schema, store: org.store, now: () => NOW });
    });

    it('returns records with attributes and canonical field names', () => {
        const result = query("select id, name FROM account WHERE Name = 'Acme'");
        expect(result).to.deep.equal({
            totalSize: 1,
            done: true,
            records: [
                {
                    attributes: {
                        type: 'Account',
                        url: `/services/data/v66.0/sobjects/Account/${org.acme.Id}`
                    },
                    Id: org.acme.Id,
                    Name: 'Acme'
                }
            ]
        });
    });

    it('nests parent relationship fields up to several levels, null when the lookup is empty', () => {
        const result = query(
            'SELECT Id, FulfillmentOrder.FulfillmentOrderNumber, FulfillmentOrder.OrderSummary.Account.Name, FulfillmentOrder.FulfilledFromLocation.Name FROM FulfillmentOrderLineItem ORDER BY Description'
        );
        const [blue, hat, red] = result.records as Record<string, Record<string, unknown>>[];
        expect(red.FulfillmentOrder).to.deep.equal({
            attributes: {
                type: 'FulfillmentOrder',
                url: `/services/data/v66.0/sobjects/FulfillmentOrder/${org.fo1.Id}`
            },
            FulfillmentOrderNumber: 'FO-1',
            OrderSummary: {
                attributes: {
                    type: 'OrderSummary',
                    url: `/services/data/v66.0/sobjects/OrderSummary/${org.os1.Id}`
                },
                Account: {
                    attributes: {
                        type: 'Account',
                        url: `/services/data/v66.0/sobjects/Account/${org.acme.Id}`
                    },
                    Name: 'Acme'
                }
            },
            FulfilledFromLocation: {
                attributes: {
                    type: 'Location',
                    url: `/services/data/v66.0/sobjects/Location/${org.warehouse.Id}`
                },
                Name: 'Main Warehouse'
            }
        });
        expect(blue.FulfillmentOrder.FulfillmentOrderNumber).to.equal('FO-1');
        expect(hat.FulfillmentOrder.FulfilledFromLocation).to.equal(null);
    });

    it('resolves polymorphic lookups to the type the ID belongs to', () => {
        const [exception] = query('SELECT AttachedTo.Id, AttachedTo.Status FROM ProcessException').records;
        expect(exception.AttachedTo).to.deep.equal({
            attributes: {
                type: 'FulfillmentOrder',
                url: `/services/data/v66.0/sobjects/FulfillmentOrder/${org.fo3.Id}`
            },
            Id: org.fo3.Id,
            Status: 'Allocated'
        });
    });

    it('returns child subqueries as nested query results, null when there are no children', () => {
        const result = query(
            'SELECT FulfillmentOrderNumber, (SELECT Description, Quantity FROM FulfillmentOrderLineItems WHERE Quantity > 1 ORDER BY Quantity DESC) FROM FulfillmentOrder ORDER BY FulfillmentOrderNumber'
        );
        const [fo1, fo2, fo3] = result.records as Record<string, unknown>[];
        expect(fo1.FulfillmentOrderLineItems).to.deep.equal({
            totalSize: 1,
            done: true,
            records: [
                {
                    attributes: {
                        type: 'FulfillmentOrderLineItem',
                        url: `/services/data/v66.0/sobjects/FulfillmentOrderLineItem/${org.line1.Id}`
                    },
                    Description: 'Red shoe',
                    Quantity: 2
                }
            ]
        });
        expect((fo2.FulfillmentOrderLineItems as QueryResult).records[0].Description).to.equal("O'Brien hat");
        expect(fo3.FulfillmentOrderLineItems).to.equal(null);
    });

    it('answers COUNT() with totalSize and no records', () => {
        expect(query("SELECT COUNT() FROM FulfillmentOrder WHERE Status = 'Allocated'")).to.deep.equal({
            totalSize: 2,
            done: true,
            records: []
        });
    });

    it('pages through nextRecordsUrl in batches until done', () => {
        const schema = new FakeSchema();
        const store = new FakeStore(schema);
        for (let i = 0; i < 450; i++) store.add('Location', { Name: `L${String(i).padStart(3, '0')}` });
        engine = new QueryEngine({ schema, store, now: () => NOW });
        const first = engine.execute('SELECT Name FROM Location ORDER BY Name', {
            includeDeleted: false,
            apiVersion: 'v66.0',
            batchSize: 200
        });
        expect(first.totalSize).to.equal(450);
        expect(first.done).to.equal(false);
        expect(first.records).to.have.length(200);
        expect(first.nextRecordsUrl).to.match(/^\/services\/data\/v66\.0\/query\/0r8[A-Za-z0-9]{15}-200$/);
        const second = engine.continue(first.nextRecordsUrl!.split('/').pop()!, V);
        expect(second.records).to.have.length(200);
        expect(second.nextRecordsUrl).to.match(/-400$/);
        const third = engine.continue(second.nextRecordsUrl!, V);
        expect(third.done).to.equal(true);
        expect(third.nextRecordsUrl).to.equal(undefined);
        const names = [...first.records, ...second.records, ...third.records].map((r) => r.Name);
        expect(names).to.deep.equal(Array.from({ length: 450 }, (_, i) => `L${String(i).padStart(3, '0')}`));
    });

    it('clamps the batch size to the documented 200..2000 range', () => {
        const schema = new FakeSchema();
        const store = new FakeStore(schema);
        for (let i = 0; i < 2100; i++) store.add('Location', { Name: `L${i}` });
        engine = new QueryEngine({ schema, store, now: () => NOW });
        expect(
            engine.execute('SELECT Id FROM Location', { includeDeleted: false, apiVersion: V, batchSize: 5 })
                .records
        ).to.have.length(200);
        expect(
            engine.execute('SELECT Id FROM Location', {
                includeDeleted: false,
                apiVersion: V,
                batchSize: 9999
            }).records
        ).to.have.length(2000);
        expect(
            engine.execute('SELECT Id FROM Location', { includeDeleted: false, apiVersion: V }).records
        ).to.have.length(2000);
    });

    it('queryAll includes deleted records with IsDeleted true; query does not', () => {
        org.store.remove(org.fo2.Id);
        expect(query('SELECT Id FROM FulfillmentOrder').totalSize).to.equal(2);
        const all = query(
            'SELECT FulfillmentOrderNumber, IsDeleted FROM FulfillmentOrder WHERE IsDeleted = true',
            true
        );
        expect(all.records.map((r) => [r.FulfillmentOrderNumber, r.IsDeleted])).to.deep.equal([
            ['FO-2', true]
        ]);
        expect(query('SELECT Id FROM FulfillmentOrder', true).totalSize).to.equal(3);
    });

    it('expires cursors and rejects unknown ones with INVALID_QUERY_LOCATOR', () => {
        let now = NOW;
        const schema = new FakeSchema();
        const store = new FakeStore(schema);
        for (let i = 0; i < 250; i++) store.add('Location', { Name: `L${i}` });
        engine = new QueryEngine({ schema, store, now: () => now, cursorTtlMs: 60_000 });
        const first = engine.execute('SELECT Id FROM Location', {
            includeDeleted: false,
            apiVersion: V,
            batchSize: 200
        });
        now += 60_001;
        expectSfError(
            () => engine.continue(first.nextRecordsUrl!, V),
            'INVALID_QUERY_LOCATOR',
            'invalid query locator'
        );
        expectSfError(
            () => engine.continue('0r8AAAAAAAAAAAAAAA-200', V),
            'INVALID_QUERY_LOCATOR',
            'invalid query locator'
        );
        expectSfError(() => engine.continue('nonsense', V), 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    });

    it('keeps at most maxCursors open, evicting the oldest', () => {
        const schema = new FakeSchema();
        const store = new FakeStore(schema);
        for (let i = 0; i < 250; i++) store.add('Location', { Name: `L${i}` });
        engine = new QueryEngine({ schema, store, now: () => NOW, maxCursors: 2 });
        const run = () =>
            engine.execute('SELECT Id FROM Location', {
                includeDeleted: false,
                apiVersion: V,
                batchSize: 200
            });
        const oldest = run();
        const middle = run();
        const newest = run();
        expectSfError(
            () => engine.continue(oldest.nextRecordsUrl!, V),
            'INVALID_QUERY_LOCATOR',
            'invalid query locator'
        );
        expect(engine.continue(middle.nextRecordsUrl!, V).records).to.have.length(50);
        expect(engine.continue(newest.nextRecordsUrl!, V).done).to.equal(true);
    });

    it('expands FIELDS(ALL) when a LIMIT of at most 200 is given', () => {
        const [record] = query('SELECT FIELDS(ALL) FROM Location LIMIT 1').records;
        expect(record).to.include({ Name: 'Main Warehouse', ExternalReference: 'WH-1', IsDeleted: false });
        expectSfError(
            () => query('SELECT FIELDS(ALL) FROM Location'),
            'MALFORMED_QUERY',
            'LIMIT of at most 200'
        );
    });
});
