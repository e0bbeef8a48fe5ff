import { expect } from 'chai';
import fc from 'fast-check';
import type { CommittedTransaction } from '../../../bridge/src/emulator/contracts.ts';
import { SalesforceApiError } from '../../../bridge/src/emulator/rest/salesforce-error.ts';
import { applyFormulas, FORMULA_FIELDS } from '../../../bridge/src/emulator/store/derived-fields.ts';
import { RecordStore } from '../../../bridge/src/emulator/store/record-store.ts';
import { fixtureSchema, TEST_CONTEXT } from '../fixtures.ts';

const schema = fixtureSchema();

function newStore() {
    let clock = Date.UTC(2026, 0, 1);
    const store = new RecordStore(schema, { now: () => (clock += 1000) });
    const commits: CommittedTransaction[] = [];
    store.onCommit((t) => commits.push(t));
    return { store, commits };
}

function seedFo(store: RecordStore) {
    return store.transaction(TEST_CONTEXT, (tx) => {
        const method = tx.insert('OrderDeliveryMethod', { Name: 'Ground' });
        const fo = tx.insert('FulfillmentOrder', { DeliveryMethodId: method.Id, FulfilledToName: 'Ada', Status: 'Allocated', Type: 'Warehouse' });
        return { method, fo };
    });
}

const errorOf = (fn: () => unknown) => {
    try {
        fn();
    } catch (error) {
        expect(error).to.be.instanceOf(SalesforceApiError);
        return (error as SalesforceApiError).errors[0];
    }
    throw new Error('expected a SalesforceApiError');
};

describe('emulator RecordStore', () => {
    it('inserts with system fields, defaults, auto numbers and derived values', () => {
        const { store, commits } = newStore();
        const { fo } = seedFo(store);
        expect(fo.Id).to.match(/^0a3\w{15}$/);
        expect(fo).to.include({ StatusCategory: 'ACTIVATED', TypeCategory: 'PHYSICAL', IsDeleted: false, Integration_Status__c: 'Pending', CreatedById: TEST_CONTEXT.userId });
        expect(fo.FulfillmentOrderNumber).to.equal('FO-0000001');
        expect(fo.CreatedDate).to.match(/^2026-01-01T00:00:\d\d\.000\+0000$/);
        expect(store.get(fo.Id)).to.equal(fo);
        expect(commits).to.have.length(1);
        expect(commits[0].changes.map((c) => [c.objectName, c.changeType])).to.deep.equal([
            ['OrderDeliveryMethod', 'CREATE'],
            ['FulfillmentOrder', 'CREATE']
        ]);
        expect(commits[0].changes[1].changedFields).to.include.members(['Status', 'FulfilledToName']).and.not.include('Id');
    });

    it('reports exactly the changed fields of an update and keeps commit numbers increasing', () => {
        const { store, commits } = newStore();
        const { fo } = seedFo(store);
        store.transaction({ ...TEST_CONTEXT, callOptionsClient: 'oms-bridge' }, (tx) => tx.update('FulfillmentOrder', fo.Id, { Status: 'Fulfilled', FulfilledToName: 'Ada' }));
        const change = commits[1].changes[0];
        expect(change.changeType).to.equal('UPDATE');
        expect(change.changedFields).to.have.members(['Status', 'StatusCategory', 'LastModifiedDate']);
        expect(change.before?.Status).to.equal('Allocated');
        expect(commits[1].commitNumber).to.be.greaterThan(commits[0].commitNumber);
        expect(commits[1].context.callOptionsClient).to.equal('oms-bridge');
        expect(commits[1].transactionKey).not.to.equal(commits[0].transactionKey);
    });

    it('rolls back every write of a failed transaction and emits nothing', () => {
        const { store, commits } = newStore();
        const { fo } = seedFo(store);
        expect(() =>
            store.transaction(TEST_CONTEXT, (tx) => {
                tx.update('FulfillmentOrder', fo.Id, { Status: 'Fulfilled' });
                tx.insert('Shipment', { FulfillmentOrderId: fo.Id });
            })
        ).to.throw(SalesforceApiError, /REQUIRED_FIELD_MISSING/);
        expect(store.get(fo.Id)?.Status).to.equal('Allocated');
        expect(store.all('Shipment')).to.have.length(0);
        expect(commits).to.have.length(1);
    });

    it('validates fields with Salesforce error codes', () => {
        const { store } = newStore();
        const { fo } = seedFo(store);
        const update = (fields: Record<string, unknown>) => () => store.transaction(TEST_CONTEXT, (tx) => tx.update('FulfillmentOrder', fo.Id, fields));
        expect(errorOf(update({ Bogus__c: 1 }))).to.include({ errorCode: 'INVALID_FIELD', message: "No such column 'Bogus__c' on sobject of type FulfillmentOrder" });
        expect(errorOf(update({ Integration_Status__c: 'Lost' }))).to.include({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
        expect(errorOf(update({ ItemCount: 'many' }))).to.include({ errorCode: 'JSON_PARSER_ERROR' });
        expect(errorOf(update({ WMS_Order_Number__c: 'x'.repeat(81) }))).to.include({ errorCode: 'STRING_TOO_LONG' });
        expect(errorOf(update({ FulfilledToEmailAddress: 'nope' }))).to.include({ errorCode: 'INVALID_EMAIL_ADDRESS' });
        expect(errorOf(update({ OrderSummaryId: 'garbage' }))).to.include({ errorCode: 'MALFORMED_ID' });
        expect(errorOf(update({ OrderSummaryId: fo.Id }))).to.include({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
        expect(errorOf(update({ OrderSummaryId: '1Os5e0000000zzz' }))).to.include({ errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY' });
        expect(errorOf(update({ FulfilledToName: null }))).to.deep.include({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['FulfilledToName'] });
        expect(errorOf(update({ Id: fo.Id }))).to.include({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    });

    it('enforces unique fields and finds records by external ID', () => {
        const { store } = newStore();
        const { fo, method } = seedFo(store);
        store.transaction(TEST_CONTEXT, (tx) => tx.update('FulfillmentOrder', fo.Id, { WMS_Order_Number__c: 'W-1' }));
        expect(store.findBy('FulfillmentOrder', 'wms_order_number__c', 'w-1').map((r) => r.Id)).to.deep.equal([fo.Id]);
        const dup = errorOf(() =>
            store.transaction(TEST_CONTEXT, (tx) =>
                tx.insert('FulfillmentOrder', { DeliveryMethodId: method.Id, FulfilledToName: 'B', Type: 'Warehouse', WMS_Order_Number__c: 'W-1' })
            )
        );
        expect(dup.errorCode).to.equal('DUPLICATE_VALUE');
        expect(dup.message).to.contain(fo.Id);
    });

    it('keeps roll-ups current and deleted records visible only with includeDeleted', () => {
        const { store, commits } = newStore();
        const { fo } = seedFo(store);
        const shipment = store.transaction(TEST_CONTEXT, (tx) => {
            const s = tx.insert('Shipment', { ShipToName: 'Ada', FulfillmentOrderId: fo.Id });
            tx.insert('ShipmentItem', { ShipmentId: s.Id, Quantity: 2 });
            tx.insert('ShipmentItem', { ShipmentId: s.Id, Quantity: 3 });
            return s;
        });
        expect(store.get(shipment.Id)?.TotalItemsQuantity).to.equal(5);
        expect(commits.at(-1)!.changes.filter((c) => c.objectName === 'Shipment')).to.have.length(1);
        const item = store.all('ShipmentItem')[0];
        store.transaction(TEST_CONTEXT, (tx) => tx.delete('ShipmentItem', item.Id));
        expect(store.get(shipment.Id)?.TotalItemsQuantity).to.equal(3);
        expect(store.get(item.Id)).to.equal(undefined);
        expect(store.getIncludingDeleted(item.Id)?.IsDeleted).to.equal(true);
        expect(store.all('ShipmentItem')).to.have.length(1);
        expect(store.all('ShipmentItem', { includeDeleted: true })).to.have.length(2);
        expect(commits.at(-1)!.changes.map((c) => c.changeType)).to.deep.equal(['DELETE', 'UPDATE']);
        expect(errorOf(() => store.transaction(TEST_CONTEXT, (tx) => tx.delete('ShipmentItem', item.Id)))).to.include({ errorCode: 'ENTITY_IS_DELETED' });
    });

    it('numbers custom auto-number names and round-trips through exportState', () => {
        const { store } = newStore();
        const { fo } = seedFo(store);
        const log = store.transaction(TEST_CONTEXT, (tx) => tx.insert('Integration_Log__c', { Fulfillment_Order__c: fo.Id, Attempts__c: '2' }));
        expect(log).to.include({ Name: 'Name-0000001', Attempts__c: 2, Succeeded__c: false });
        const copy = new RecordStore(schema);
        copy.importState(JSON.parse(JSON.stringify(store.exportState())));
        expect(copy.get(log.Id)).to.deep.equal(log);
        const next = copy.transaction(TEST_CONTEXT, (tx) => tx.insert('Integration_Log__c', {}));
        expect(next.Id).not.to.equal(log.Id);
        expect(next.Name).to.equal('Name-0000002');
    });

    describe('changed fields of an update', () => {
        const fieldValue = fc.record(
            {
                Status: fc.constantFrom('Allocated', 'Fulfilled', 'Cancelled', 'Draft'),
                Type: fc.constantFrom('Warehouse', 'Drop Ship'),
                FulfilledToCity: fc.constantFrom('Lyon', 'Oslo', null),
                TotalAmount: fc.constantFrom(1, 2, null),
                IsSuspended: fc.boolean(),
                DeliveryDate: fc.constantFrom('2026-02-01T00:00:00.000Z', '2026-02-01T01:00:00+0100', null)
            },
            { requiredKeys: [] }
        );
        const operation = fc.oneof(
            fieldValue.map((fields) => ({ kind: 'update' as const, fields })),
            fc.integer({ min: 1, max: 3 }).map((quantity) => ({ kind: 'line' as const, quantity })),
            fieldValue.map((fields) => ({ kind: 'failed' as const, fields }))
        );

        it('lists exactly the fields whose committed value differs, in field order, whatever the writes', () => {
            fc.assert(
                fc.property(fc.array(operation, { minLength: 1, maxLength: 6 }), (operations) => {
                    const { store, commits } = newStore();
                    const { fo } = seedFo(store);
                    const before = store.get(fo.Id)!;
                    const committedBefore = commits.length;
                    store.transaction(TEST_CONTEXT, (tx) => {
                        for (const op of operations) {
                            if (op.kind === 'update') tx.update('FulfillmentOrder', fo.Id, op.fields);
                            else if (op.kind === 'line') tx.insert('FulfillmentOrderLineItem', { FulfillmentOrderId: fo.Id, Quantity: op.quantity, Type: 'Order Product', TypeCode: 'Product' });
                            else {
                                try {
                                    store.transaction(TEST_CONTEXT, (inner) => {
                                        inner.update('FulfillmentOrder', fo.Id, op.fields);
                                        throw new Error('undone');
                                    });
                                } catch {
                                    // The savepoint is rolled back; the outer transaction goes on.
                                }
                            }
                        }
                    });
                    const after = store.get(fo.Id)!;
                    const change = commits.slice(committedBefore).at(-1)?.changes.find((c) => c.recordId === fo.Id);
                    const differing = Object.keys(after).filter((k) => k !== 'SystemModstamp' && !(before[k] === after[k] || (before[k] == null && after[k] == null)));
                    expect(change?.changedFields ?? []).to.deep.equal(differing);
                })
            );
        });

        it('formulas set no field outside FORMULA_FIELDS', () => {
            for (const objectName of ['FulfillmentOrder', 'ProcessException', 'OrderItemSummary', 'Account']) {
                const set: string[] = [];
                const record = new Proxy({ Status: 'Allocated', Type: 'Warehouse', Severity: 'High', QuantityOrdered: 2 } as Record<string, unknown>, {
                    set: (target, key, value) => {
                        set.push(String(key));
                        target[String(key)] = value;
                        return true;
                    }
                });
                applyFormulas(objectName, record);
                expect(set, objectName).to.satisfy((keys: string[]) => keys.every((k) => (FORMULA_FIELDS[objectName] ?? []).includes(k)));
            }
        });
    });

    it('counts live records as all() lists them, through deletes, rollbacks, open transactions and a reload', () => {
        const step = fc.oneof(fc.constant('insert' as const), fc.constant('delete' as const), fc.constant('failed insert' as const));
        fc.assert(
            fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
                const { store } = newStore();
                const check = () => expect(store.count('OrderDeliveryMethod')).to.equal(store.all('OrderDeliveryMethod').length);
                for (const kind of steps) {
                    if (kind === 'insert') store.transaction(TEST_CONTEXT, (tx) => tx.insert('OrderDeliveryMethod', { Name: 'Ground' }));
                    else if (kind === 'delete') {
                        const victim = store.all('OrderDeliveryMethod')[0];
                        if (victim) store.transaction(TEST_CONTEXT, (tx) => tx.delete('OrderDeliveryMethod', victim.Id));
                    } else {
                        expect(() =>
                            store.transaction(TEST_CONTEXT, (tx) => {
                                tx.insert('OrderDeliveryMethod', { Name: 'Air' });
                                check();
                                throw new Error('rolled back');
                            })
                        ).to.throw('rolled back');
                    }
                    check();
                }
                const reloaded = new RecordStore(schema);
                reloaded.importState(store.exportState());
                expect(reloaded.count('orderdeliverymethod')).to.equal(store.all('OrderDeliveryMethod').length);
                expect(reloaded.counts().OrderDeliveryMethod ?? 0).to.equal(store.all('OrderDeliveryMethod').length);
            })
        );
    });
    it('finds by external ID and by lookup inside a transaction exactly as a scan of all() would', () => {
        const op = fc.oneof(
            fc.record({ kind: fc.constant('insert' as const), method: fc.nat(2) }),
            fc.record({ kind: fc.constant('renumber' as const), target: fc.nat(20), clear: fc.boolean() }),
            fc.record({ kind: fc.constant('move' as const), target: fc.nat(20), method: fc.nat(2) })
        );
        fc.assert(
            fc.property(fc.array(op, { maxLength: 6 }), fc.array(op, { maxLength: 8 }), (before, during) => {
                const { store } = newStore();
                const methods = store.transaction(TEST_CONTEXT, (tx) => [0, 1, 2].map((i) => tx.insert('OrderDeliveryMethod', { Name: `M${i}` }).Id));
                let serial = 0;
                const apply = (tx: Parameters<Parameters<RecordStore['transaction']>[1]>[0], step: { kind: string; method?: number; target?: number; clear?: boolean }) => {
                    const fos = store.all('FulfillmentOrder');
                    if (step.kind === 'insert') {
                        tx.insert('FulfillmentOrder', { DeliveryMethodId: methods[step.method ?? 0], FulfilledToName: 'A', Type: 'Warehouse', WMS_Order_Number__c: `W-${serial++}` });
                    } else if (fos.length > 0) {
                        const fo = fos[(step.target ?? 0) % fos.length];
                        if (step.kind === 'renumber') tx.update('FulfillmentOrder', fo.Id, { WMS_Order_Number__c: step.clear ? null : `W-${serial++}` });
                        else tx.update('FulfillmentOrder', fo.Id, { DeliveryMethodId: methods[step.method ?? 0] });
                    }
                };
                const check = () => {
                    const all = store.all('FulfillmentOrder', { includeDeleted: true });
                    for (let n = 0; n < serial; n++) {
                        const expected = all.filter((r) => !r.IsDeleted && r.WMS_Order_Number__c === `W-${n}`).map((r) => r.Id);
                        expect(store.findBy('FulfillmentOrder', 'WMS_Order_Number__c', `w-${n}`).map((r) => r.Id)).to.deep.equal(expected);
                    }
                    for (const method of methods) {
                        const expected = all.filter((r) => r.DeliveryMethodId === method).map((r) => r.Id);
                        expect(store.referencing('FulfillmentOrder', 'DeliveryMethodId', method).map((r) => r.Id)).to.deep.equal(expected);
                    }
                };
                for (const step of before) store.transaction(TEST_CONTEXT, (tx) => apply(tx, step));
                store.transaction(TEST_CONTEXT, (tx) => {
                    for (const step of during) {
                        apply(tx, step);
                        check();
                    }
                });
                check();
            })
        );
    });
});
