import { expect } from 'chai';
import { placeOrder } from '../../../bridge/src/emulator/seed/place-order.ts';
import { QueryEngine } from '../../../bridge/src/emulator/soql/query-engine.ts';
import { RecordStore } from '../../../bridge/src/emulator/store/record-store.ts';
import { fixtureSchema, TEST_CONTEXT } from '../fixtures.ts';
import { expectSfError } from './expect-sf-error.ts';

describe('QueryEngine against the emulator schema registry and record store', () => {
    const schema = fixtureSchema();
    let clock: number;
    let store: RecordStore;
    let engine: QueryEngine;
    const query = (soql: string, includeDeleted = false) =>
        engine.execute(soql, { includeDeleted, apiVersion: '66.0' });

    beforeEach(() => {
        clock = Date.parse('2026-11-01T00:00:00Z');
        store = new RecordStore(schema, { now: () => (clock += 60_000) });
        engine = new QueryEngine({ schema, store, now: () => clock });
        for (let seed = 1; seed <= 4; seed++) placeOrder(store, { seed, lines: 2 });
    });

    it('reads seeded fulfillment orders with their summary, account and line items', () => {
        const result = query(
            'SELECT Id, Status, OrderSummary.OrderNumber, OrderSummary.Account.Name, (SELECT Quantity, FulfillmentOrderId FROM FulfillmentOrderLineItems) FROM FulfillmentOrder ORDER BY OrderSummary.OrderNumber'
        );
        expect(result.totalSize).to.equal(store.all('FulfillmentOrder').length).and.to.be.greaterThan(0);
        for (const fo of result.records) {
            const summary = fo.OrderSummary as Record<string, unknown>;
            expect(summary.OrderNumber).to.match(/^\d{8}$/);
            expect((summary.Account as Record<string, unknown>).Name).to.be.a('string');
            const lines = fo.FulfillmentOrderLineItems as {
                totalSize: number;
                records: Record<string, unknown>[];
            };
            expect(lines.totalSize).to.be.greaterThan(0);
            for (const line of lines.records) expect(line.FulfillmentOrderId).to.equal(fo.Id);
        }
    });

    it('runs the reconciliation query on SystemModstamp with the store datetime format', () => {
        const cutoff = new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
        expect(query(`SELECT Id FROM FulfillmentOrder WHERE SystemModstamp > ${cutoff}`).totalSize).to.equal(
            0
        );
        const [first] = store.all('FulfillmentOrder');
        store.transaction(TEST_CONTEXT, (tx) =>
            tx.update('FulfillmentOrder', first.Id, { FulfilledToName: 'Changed' })
        );
        const changed = query(
            `SELECT Id, FulfilledToName FROM FulfillmentOrder WHERE SystemModstamp > ${cutoff}`
        );
        expect(changed.records.map((r) => [r.Id, r.FulfilledToName])).to.deep.equal([[first.Id, 'Changed']]);
    });

    it('finds order summaries through a semi-join and counts them', () => {
        const withFo = query(
            'SELECT COUNT() FROM OrderSummary WHERE Id IN (SELECT OrderSummaryId FROM FulfillmentOrder)'
        );
        expect(withFo.totalSize).to.equal(4);
    });

    it('returns deleted records only through queryAll', () => {
        const location = store.transaction(TEST_CONTEXT, (tx) =>
            tx.insert('Location', { Name: 'Temp', LocationType: 'Site' })
        );
        store.transaction(TEST_CONTEXT, (tx) => tx.delete('Location', location.Id));
        expect(query(`SELECT Id FROM Location WHERE Id = '${location.Id}'`).totalSize).to.equal(0);
        const all = query(
            `SELECT Id, IsDeleted FROM Location WHERE Id = '${location.Id.slice(0, 15)}'`,
            true
        );
        expect(all.records.map((r) => r.IsDeleted)).to.deep.equal([true]);
    });

    it('reports unknown fields on real objects', () => {
        expectSfError(
            () => query('SELECT Bogus__c FROM FulfillmentOrder'),
            'INVALID_FIELD',
            "No such column 'Bogus__c' on entity 'FulfillmentOrder'"
        );
    });
});
