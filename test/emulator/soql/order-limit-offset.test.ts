import { expect } from 'chai';
import fc from 'fast-check';
import { QueryEngine } from '../../../bridge/src/emulator/soql/query-engine.ts';
import { FakeSchema, FakeStore, seedFakeOrg } from './fake-org.ts';

const NOW = Date.parse('2026-11-15T12:00:00Z');

describe('QueryEngine: ORDER BY, LIMIT, OFFSET', () => {
    let engine: QueryEngine;
    const column = (soql: string, field = 'Name') =>
        engine.execute(soql, { includeDeleted: false, apiVersion: '66.0' }).records.map((r) => r[field]);

    beforeEach(() => {
        const org = seedFakeOrg();
        org.store.add('Account', { Name: 'beta', Rating__c: 3 });
        org.store.add('Account', { Name: 'Alpha', Rating__c: null });
        engine = new QueryEngine({ schema: org.schema, store: org.store, now: () => NOW });
    });

    it('sorts text case-insensitively, ascending by default', () => {
        expect(column('SELECT Name FROM Account ORDER BY Name')).to.deep.equal([
            'Acme',
            'Alpha',
            'beta',
            'Globex'
        ]);
        expect(column('SELECT Name FROM Account ORDER BY Name DESC')).to.deep.equal([
            'Globex',
            'beta',
            'Alpha',
            'Acme'
        ]);
    });

    it('sorts on several fields with NULLS FIRST by default and NULLS LAST on request', () => {
        expect(column('SELECT Name FROM Account ORDER BY Rating__c, Name DESC')).to.deep.equal([
            'Alpha',
            'Globex',
            'beta',
            'Acme'
        ]);
        expect(column('SELECT Name FROM Account ORDER BY Rating__c DESC NULLS LAST, Name')).to.deep.equal([
            'Acme',
            'beta',
            'Globex',
            'Alpha'
        ]);
        expect(column('SELECT Name FROM Account ORDER BY Rating__c ASC NULLS LAST, Name ASC')).to.deep.equal([
            'Globex',
            'Acme',
            'beta',
            'Alpha'
        ]);
    });

    it('sorts on parent relationship fields', () => {
        expect(
            column(
                'SELECT FulfillmentOrderNumber FROM FulfillmentOrder ORDER BY OrderSummary.Account.Name DESC, FulfillmentOrderNumber DESC',
                'FulfillmentOrderNumber'
            )
        ).to.deep.equal(['FO-3', 'FO-2', 'FO-1']);
    });

    it('applies OFFSET then LIMIT after sorting', () => {
        expect(column('SELECT Name FROM Account ORDER BY Name LIMIT 2')).to.deep.equal(['Acme', 'Alpha']);
        expect(column('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')).to.deep.equal([
            'Alpha',
            'beta'
        ]);
        expect(column('SELECT Name FROM Account ORDER BY Name OFFSET 3')).to.deep.equal(['Globex']);
        expect(column('SELECT Name FROM Account LIMIT 0')).to.deep.equal([]);
        expect(
            engine.execute('SELECT COUNT() FROM Account LIMIT 3', {
                includeDeleted: false,
                apiVersion: '66.0'
            }).totalSize
        ).to.equal(3);
    });

    it('LIMIT/OFFSET paging returns every matching record exactly once (property)', () => {
        fc.assert(
            fc.property(
                fc.array(
                    fc.record({
                        rating: fc.option(fc.integer({ min: 0, max: 5 })),
                        name: fc.string({ maxLength: 3 })
                    }),
                    { maxLength: 60 }
                ),
                fc.integer({ min: 1, max: 25 }),
                fc.integer({ min: 0, max: 5 }),
                (rows, pageSize, minRating) => {
                    const schema = new FakeSchema();
                    const store = new FakeStore(schema);
                    const added = rows.map((row) =>
                        store.add('Account', { Name: row.name, Rating__c: row.rating })
                    );
                    const local = new QueryEngine({ schema, store, now: () => NOW });
                    const expected = added
                        .filter((r) => r.Rating__c === null || (r.Rating__c as number) >= minRating)
                        .map((r) => r.Id);
                    const seen: string[] = [];
                    for (let offset = 0; offset <= expected.length; offset += pageSize) {
                        const page = local.execute(
                            `SELECT Id FROM Account WHERE Rating__c = null OR Rating__c >= ${minRating} ORDER BY Rating__c DESC NULLS LAST, Name, Id LIMIT ${pageSize} OFFSET ${offset}`,
                            { includeDeleted: false, apiVersion: '66.0' }
                        );
                        expect(page.records.length).to.be.at.most(pageSize);
                        seen.push(...page.records.map((r) => r.Id as string));
                    }
                    expect([...seen].sort()).to.deep.equal([...expected].sort());
                    expect(new Set(seen).size).to.equal(seen.length);
                }
            ),
            { numRuns: 60 }
        );
    });
});
