import { expect } from 'chai';
import fc from 'fast-check';
import type { RecordStoreApi } from '../../../bridge/src/emulator/contracts.ts';
import { SalesforceApiError } from '../../../bridge/src/emulator/rest/salesforce-error.ts';
import { placeOrder } from '../../../bridge/src/emulator/seed/place-order.ts';
import { QueryEngine, type QueryResult } from '../../../bridge/src/emulator/soql/query-engine.ts';
import { RecordStore } from '../../../bridge/src/emulator/store/record-store.ts';
import { fulfillmentOrderSoql } from '../../../bridge/src/mappings/salesforce/fulfillment-order-query.ts';
import { fixtureSchema, TEST_CONTEXT } from '../fixtures.ts';

/** The same store without its indexes, so the engine takes the full-scan path. */
function scanOnly(store: RecordStore): RecordStoreApi {
    return {
        transaction: (context, work) => store.transaction(context, work),
        get: (id) => store.get(id),
        getIncludingDeleted: (id) => store.getIncludingDeleted(id),
        all: (objectName, options) => store.all(objectName, options),
        findBy: (objectName, field, value) => store.findBy(objectName, field, value),
        onCommit: (listener) => store.onCommit(listener)
    };
}

/** Runs a write, ignoring the ones the store refuses (deleting twice, a deleted parent): those change nothing. */
function attempt(work: () => void): void {
    try {
        work();
    } catch (error) {
        if (!(error instanceof SalesforceApiError)) throw error;
    }
}

type Command =
    | { kind: 'query'; shape: QueryShape }
    | { kind: 'insert'; parent: number | null }
    | { kind: 'reparent'; account: number; parent: number | null }
    | { kind: 'delete'; account: number };

/** How a query refers to an ID: as stored, cut to 15 characters, one matching nothing, or another object's. */
type IdRef = { account: number; form: '18' | '15' } | { unknown: true } | { foreign: true };
const idRefArb: fc.Arbitrary<IdRef> = fc.oneof(
    fc.record({ account: fc.nat(40), form: fc.constantFrom('18' as const, '15' as const) }),
    fc.constant({ unknown: true as const }),
    fc.constant({ foreign: true as const })
);

interface QueryShape {
    field: 'Id' | 'ParentId';
    operator: '=' | 'IN';
    refs: IdRef[];
    extra: string | null;
    orderBy: string | null;
    limit: number | null;
    children: boolean;
    includeDeleted: boolean;
}

const shapeArb: fc.Arbitrary<QueryShape> = fc.record({
    field: fc.constantFrom('Id' as const, 'ParentId' as const),
    operator: fc.constantFrom('=' as const, 'IN' as const),
    refs: fc.array(idRefArb, { minLength: 1, maxLength: 6 }),
    extra: fc.constantFrom(null, "Name LIKE 'Acc%1%'", "Type = 'Customer'", 'ParentId != null'),
    orderBy: fc.constantFrom(null, 'Name DESC', 'Type NULLS LAST, Id'),
    limit: fc.option(fc.integer({ min: 1, max: 5 })),
    children: fc.boolean(),
    includeDeleted: fc.boolean()
});

/** Writes interleaved with queries, so the lazily built indexes are also exercised as writes keep them current. */
const commandArb: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('query' as const), shape: shapeArb }),
    fc.record({ kind: fc.constant('insert' as const), parent: fc.option(fc.nat(40)) }),
    fc.record({ kind: fc.constant('reparent' as const), account: fc.nat(40), parent: fc.option(fc.nat(40)) }),
    fc.record({ kind: fc.constant('delete' as const), account: fc.nat(40) })
);

function soqlOf(shape: QueryShape, accountIds: string[], foreignId: string): string {
    const literals = shape.refs.map((ref) => {
        if ('unknown' in ref) return "'001000000000000AAA'";
        if ('foreign' in ref) return `'${foreignId}'`;
        const id = accountIds[ref.account % accountIds.length];
        return `'${ref.form === '15' ? id.slice(0, 15) : id}'`;
    });
    const condition =
        shape.operator === '='
            ? `${shape.field} = ${literals[0]}`
            : `${shape.field} IN (${literals.join(', ')})`;
    const where = shape.extra ? `${condition} AND ${shape.extra}` : condition;
    const children = shape.children ? ', (SELECT Id, Name FROM ChildAccounts ORDER BY Name)' : '';
    return (
        `SELECT Id, Name, Type, ParentId, IsDeleted${children} FROM Account WHERE ${where}` +
        (shape.orderBy ? ` ORDER BY ${shape.orderBy}` : '') +
        (shape.limit ? ` LIMIT ${shape.limit}` : '')
    );
}

describe('SOQL index fast path', () => {
    const schema = fixtureSchema();
    const options = (includeDeleted: boolean) => ({ includeDeleted, apiVersion: '66.0' });

    it('answers Id and lookup filters exactly as a full scan does, after inserts, re-parenting and deletes', () => {
        fc.assert(
            fc.property(
                fc.array(commandArb, { minLength: 5, maxLength: 60 }),
                shapeArb,
                (commands, finalShape) => {
                    const store = new RecordStore(schema, { now: () => Date.parse('2026-11-01T00:00:00Z') });
                    const ids: string[] = [];
                    const location = store.transaction(TEST_CONTEXT, (tx) =>
                        tx.insert('Location', { Name: 'Depot', LocationType: 'Site' })
                    );
                    const account = (index: number | null) =>
                        index === null || ids.length === 0 ? null : ids[index % ids.length];
                    const types = ['Customer', 'Partner', null];
                    const indexed = new QueryEngine({ schema, store });
                    const scanned = new QueryEngine({ schema, store: scanOnly(store) });
                    const compare = (shape: QueryShape) => {
                        const soql = soqlOf(shape, ids, location.Id);
                        const fast: QueryResult = indexed.execute(soql, options(shape.includeDeleted));
                        const scan: QueryResult = scanned.execute(soql, options(shape.includeDeleted));
                        expect(fast, soql).to.deep.equal(scan);
                    };
                    const first: Command = { kind: 'insert', parent: null };
                    for (const command of [
                        first,
                        ...commands,
                        { kind: 'query', shape: finalShape } as Command
                    ]) {
                        if (command.kind === 'query') {
                            compare(command.shape);
                            continue;
                        }
                        attempt(() =>
                            store.transaction(TEST_CONTEXT, (tx) => {
                                if (command.kind === 'insert') {
                                    const name = `Acc${ids.length % 7}-${ids.length}`;
                                    const parentId = account(command.parent);
                                    ids.push(
                                        tx.insert('Account', {
                                            Name: name,
                                            Type: types[ids.length % 3],
                                            ParentId: parentId
                                        }).Id
                                    );
                                } else if (command.kind === 'reparent') {
                                    tx.update('Account', account(command.account)!, {
                                        ParentId: account(command.parent)
                                    });
                                } else {
                                    tx.delete('Account', account(command.account)!);
                                }
                            })
                        );
                    }
                }
            ),
            { numRuns: 150 }
        );
    });

    it('reads fulfilment orders by ID list with their line items as a full scan does', () => {
        const store = new RecordStore(schema, { now: () => Date.parse('2026-11-01T00:00:00Z') });
        for (let seed = 1; seed <= 6; seed++) placeOrder(store, { seed, lines: 3 });
        const [firstLine] = store.all('FulfillmentOrderLineItem');
        store.transaction(TEST_CONTEXT, (tx) => tx.delete('FulfillmentOrderLineItem', firstLine.Id));
        const foIds = store.all('FulfillmentOrder').map((r) => r.Id);
        const indexed = new QueryEngine({ schema, store });
        const scanned = new QueryEngine({ schema, store: scanOnly(store) });
        fc.assert(
            fc.property(fc.subarray(foIds, { minLength: 1 }), fc.boolean(), (subset, includeDeleted) => {
                const soql = fulfillmentOrderSoql([...subset].reverse());
                const fast = indexed.execute(soql, options(includeDeleted));
                expect(fast.totalSize).to.equal(subset.length);
                expect(fast).to.deep.equal(scanned.execute(soql, options(includeDeleted)));
            }),
            { numRuns: 60 }
        );
    });

    it('reads neither the whole object nor all its children when filtering on Id', () => {
        const store = new RecordStore(schema);
        placeOrder(store, { seed: 7, lines: 2 });
        const scannedObjects: string[] = [];
        const watched = new Proxy(store, {
            get(target, property, receiver) {
                if (property === 'all') {
                    return (objectName: string, opts?: { includeDeleted?: boolean }) => {
                        scannedObjects.push(objectName);
                        return target.all(objectName, opts);
                    };
                }
                const value: unknown = Reflect.get(target, property, receiver);
                return typeof value === 'function' ? value.bind(target) : value;
            }
        });
        const engine = new QueryEngine({ schema, store: watched });
        const [fo] = store.all('FulfillmentOrder');
        const result = engine.execute(fulfillmentOrderSoql([fo.Id]), options(false));
        const lines = result.records[0].FulfillmentOrderLineItems as { totalSize: number };
        expect(lines.totalSize).to.equal(
            store.findBy('FulfillmentOrderLineItem', 'FulfillmentOrderId', fo.Id).length
        );
        engine.execute(
            `SELECT Id FROM FulfillmentOrder WHERE OrderSummaryId = '${String(fo.OrderSummaryId)}'`,
            options(false)
        );
        expect(scannedObjects).to.deep.equal([]);
        engine.execute(`SELECT Id FROM FulfillmentOrder WHERE Status = 'Allocated'`, options(false));
        expect(scannedObjects).to.deep.equal(['FulfillmentOrder']);
    });
});
