import { expect } from 'chai';
import { QueryEngine, type QueryResult } from '../../../bridge/src/emulator/soql/query-engine.ts';
import { expectSfError } from './expect-sf-error.ts';
import { seedFakeOrg } from './fake-org.ts';

const NOW = Date.parse('2026-11-15T12:00:00Z');
const AGG = { type: 'AggregateResult' };

describe('QueryEngine: aggregate functions and GROUP BY', () => {
    let org: ReturnType<typeof seedFakeOrg>;
    let engine: QueryEngine;
    const query = (soql: string): QueryResult => engine.execute(soql, { includeDeleted: false, apiVersion: '66.0' });

    beforeEach(() => {
        org = seedFakeOrg();
        engine = new QueryEngine({ schema: org.schema, store: org.store, now: () => NOW });
    });

    it('answers an aggregate without GROUP BY with one AggregateResult, unaliased items named expr0, expr1…', () => {
        expect(query('SELECT COUNT(Id), SUM(Quantity) total, MAX(Quantity), MIN(Description) FROM FulfillmentOrderLineItem')).to.deep.equal({
            totalSize: 1,
            done: true,
            records: [{ attributes: AGG, expr0: 3, total: 8, expr1: 5, expr2: 'Blue sock' }]
        });
    });

    it('groups by a field, orders the groups by an aggregate and counts only non-null values in COUNT(field)', () => {
        const result = query(
            'SELECT Status, COUNT(Id) n, COUNT(FulfilledFromLocationId) located FROM FulfillmentOrder GROUP BY Status ORDER BY COUNT(Id) DESC'
        );
        expect(result.records).to.deep.equal([
            { attributes: AGG, Status: 'Allocated', n: 2, located: 2 },
            { attributes: AGG, Status: 'Fulfilled', n: 1, located: 0 }
        ]);
        expect(result.totalSize).to.equal(2);
    });

    it('groups by a parent field (keyed by the field name), with AVG and COUNT_DISTINCT', () => {
        const result = query(
            'SELECT OrderSummary.Account.Name, AVG(OrderSummary.GrandTotalAmount) avgTotal, COUNT_DISTINCT(OrderSummaryId) orders FROM FulfillmentOrder GROUP BY OrderSummary.Account.Name ORDER BY OrderSummary.Account.Name'
        );
        expect(result.records).to.deep.equal([
            { attributes: AGG, Name: 'Acme', avgTotal: 100, orders: 1 },
            { attributes: AGG, Name: 'Globex', avgTotal: 250, orders: 1 }
        ]);
    });

    it('returns distinct values, null included, for GROUP BY without aggregates; LIMIT applies to groups', () => {
        const result = query('SELECT Industry FROM Account GROUP BY Industry ORDER BY Industry NULLS LAST');
        expect(result.records).to.deep.equal([
            { attributes: AGG, Industry: 'Retail' },
            { attributes: AGG, Industry: null }
        ]);
        expect(query('SELECT Industry FROM Account GROUP BY Industry ORDER BY Industry LIMIT 1').records).to.deep.equal([{ attributes: AGG, Industry: null }]);
    });

    it('filters rows with WHERE before grouping, and aggregates over no rows to zero counts and null sums', () => {
        expect(query("SELECT COUNT(Id), SUM(Quantity) FROM FulfillmentOrderLineItem WHERE Description = 'nothing'").records).to.deep.equal([
            { attributes: AGG, expr0: 0, expr1: null }
        ]);
        expect(query("SELECT Status, COUNT(Id) FROM FulfillmentOrder WHERE Status = 'Allocated' GROUP BY Status").records).to.deep.equal([
            { attributes: AGG, Status: 'Allocated', expr0: 2 }
        ]);
    });

    it('refuses fields that are neither grouped nor aggregated, SUM of text, and HAVING, with MALFORMED_QUERY', () => {
        expectSfError(() => query('SELECT Status, FulfillmentOrderNumber, COUNT(Id) FROM FulfillmentOrder GROUP BY Status'), 'MALFORMED_QUERY', 'Field must be grouped or aggregated: FulfillmentOrderNumber');
        expectSfError(() => query('SELECT SUM(Description) FROM FulfillmentOrderLineItem'), 'MALFORMED_QUERY', 'does not support aggregate operator SUM');
        expectSfError(() => query('SELECT Status, COUNT(Id) FROM FulfillmentOrder GROUP BY Status HAVING COUNT(Id) > 1'), 'MALFORMED_QUERY', 'HAVING is not supported');
    });

    it('keeps SELECT COUNT() a plain count (totalSize only, no records)', () => {
        expect(query('SELECT COUNT() FROM FulfillmentOrder')).to.deep.equal({ totalSize: 3, done: true, records: [] });
    });
});
