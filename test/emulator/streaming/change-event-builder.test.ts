import { expect } from 'chai';
import fc from 'fast-check';
import { buildChangeEvents, changeOriginOf } from '../../../bridge/src/emulator/streaming/change-event-builder.ts';
import type { CommittedTransaction, RecordChange } from '../../../bridge/src/emulator/contracts.ts';

const T = '2026-05-01T10:00:00.000Z';
const tx = (changes: RecordChange[], context: CommittedTransaction['context'] = { userId: '005U' }): CommittedTransaction => ({
    transactionKey: 'tk-1',
    commitNumber: 42,
    commitTimestamp: 1_700_000_000_000,
    context,
    changes
});
const fo = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
    Id: id,
    Status: status,
    OrderSummaryId: '1Os1',
    FulfilledFromLocationId: null,
    CreatedDate: T,
    LastModifiedDate: T,
    SystemModstamp: T,
    IsDeleted: false,
    ...extra
});
const captured = new Set(['FulfillmentOrder', 'OrderSummary']);

describe('buildChangeEvents', () => {
    it('CREATE carries every non-empty field, no Id or SystemModstamp, and an empty changedFields', () => {
        const [event] = buildChangeEvents(
            tx([{ objectName: 'FulfillmentOrder', recordId: '0a31', changeType: 'CREATE', changedFields: ['Status'], after: fo('0a31', 'Allocated') }]),
            captured
        );
        const { ChangeEventHeader: header, ...body } = event.payload;
        expect(body).to.deep.equal({ Status: 'Allocated', OrderSummaryId: '1Os1', CreatedDate: T, LastModifiedDate: T });
        expect(header).to.deep.include({
            entityName: 'FulfillmentOrder',
            recordIds: ['0a31'],
            changeType: 'CREATE',
            transactionKey: 'tk-1',
            sequenceNumber: 1,
            isTransactionEnd: true,
            commitTimestamp: 1_700_000_000_000,
            commitNumber: 42,
            commitUser: '005U',
            changedFields: []
        });
    });

    it('UPDATE carries only changed fields (null when set to null) plus LastModifiedDate', () => {
        const before = fo('0a31', 'Allocated', { FulfilledFromLocationId: '131X' });
        const after = fo('0a31', 'Fulfilled', { FulfilledFromLocationId: null, LastModifiedDate: '2026-05-01T11:00:00.000Z' });
        const [event] = buildChangeEvents(
            tx([{ objectName: 'FulfillmentOrder', recordId: '0a31', changeType: 'UPDATE', changedFields: ['Status', 'FulfilledFromLocationId', 'SystemModstamp'], after, before }]),
            captured
        );
        const { ChangeEventHeader: header, ...body } = event.payload;
        expect(body).to.deep.equal({ Status: 'Fulfilled', FulfilledFromLocationId: null, LastModifiedDate: '2026-05-01T11:00:00.000Z' });
        expect(header.changedFields).to.deep.equal(['Status', 'FulfilledFromLocationId', 'LastModifiedDate']);
    });

    it('merges records with an identical change into one event with several recordIds', () => {
        const update = (id: string): RecordChange => ({
            objectName: 'FulfillmentOrder',
            recordId: id,
            changeType: 'UPDATE',
            changedFields: ['Status'],
            after: fo(id, 'Cancelled'),
            before: fo(id, 'Allocated')
        });
        const other: RecordChange = { ...update('0a33'), after: fo('0a33', 'Fulfilled') };
        const events = buildChangeEvents(tx([update('0a31'), update('0a32'), other]), captured);
        expect(events).to.have.length(2);
        expect(events[0].payload.ChangeEventHeader.recordIds).to.deep.equal(['0a31', '0a32']);
        expect(events[1].payload.ChangeEventHeader.recordIds).to.deep.equal(['0a33']);
        expect(events.map((e) => e.payload.ChangeEventHeader.sequenceNumber)).to.deep.equal([1, 2]);
        expect(events.map((e) => e.payload.ChangeEventHeader.isTransactionEnd)).to.deep.equal([false, true]);
    });

    it('collapses several changes to one record into the first change type with the committed data', () => {
        const events = buildChangeEvents(
            tx([
                { objectName: 'FulfillmentOrder', recordId: '0a31', changeType: 'CREATE', changedFields: ['Status'], after: fo('0a31', 'Draft') },
                { objectName: 'FulfillmentOrder', recordId: '0a31', changeType: 'UPDATE', changedFields: ['Status'], after: fo('0a31', 'Allocated'), before: fo('0a31', 'Draft') }
            ]),
            captured
        );
        expect(events).to.have.length(1);
        expect(events[0].payload.ChangeEventHeader.changeType).to.equal('CREATE');
        expect(events[0].payload.Status).to.equal('Allocated');
    });

    it('DELETE carries the header only; entities without CDC give no event', () => {
        const events = buildChangeEvents(
            tx([
                { objectName: 'FulfillmentOrder', recordId: '0a31', changeType: 'DELETE', changedFields: [], after: fo('0a31', 'Draft') },
                { objectName: 'Account', recordId: '0011', changeType: 'CREATE', changedFields: [], after: { Id: '0011', Name: 'A' } }
            ]),
            captured
        );
        expect(events).to.have.length(1);
        expect(Object.keys(events[0].payload)).to.deep.equal(['ChangeEventHeader']);
    });

    it('writes changeOrigin with the Sforce-Call-Options client', () => {
        expect(changeOriginOf({ userId: 'u', callOptionsClient: 'som-bridge' })).to.equal('com/salesforce/api/rest/66.0;client=som-bridge');
        expect(changeOriginOf({ userId: 'u', callOptionsClient: 'x', api: 'com/salesforce/api/soap/62.0' })).to.equal('com/salesforce/api/soap/62.0;client=x');
        expect(changeOriginOf({ userId: 'u' })).to.equal('');
    });

    it('merges exactly the records whose lone events would have the same type, fields and values', () => {
        const value = fc.constantFrom<unknown>(null, 'A', 'B', 1, true);
        const change = fc.record({
            objectName: fc.constantFrom('FulfillmentOrder', 'OrderSummary'),
            changeType: fc.constantFrom<RecordChange['changeType']>('CREATE', 'UPDATE', 'DELETE'),
            changedFields: fc.uniqueArray(fc.constantFrom('Status', 'Type', 'Description', 'LastModifiedDate'), { maxLength: 4 }),
            values: fc.record({ Status: value, Type: value, Description: value, LastModifiedDate: fc.constantFrom(T, '2026-05-01T10:00:00.001Z') })
        });
        fc.assert(
            fc.property(fc.array(change, { maxLength: 12 }), (drawn) => {
                const changes: RecordChange[] = drawn.map((d, index) => {
                    const after = fo(`0a3${index}`, 'Allocated', d.values);
                    return { objectName: d.objectName, recordId: `0a3${index}`, changeType: d.changeType, changedFields: d.changedFields, after, before: after };
                });
                const alone = (c: RecordChange) => {
                    const [event] = buildChangeEvents(tx([c]), captured);
                    const { ChangeEventHeader: header, ...body } = event.payload;
                    const sortedBody = Object.fromEntries(Object.entries(body).sort(([a], [b]) => a.localeCompare(b)));
                    return JSON.stringify([event.entity, header.changeType, [...header.changedFields].sort(), sortedBody]);
                };
                const expected = new Map<string, string[]>();
                for (const c of changes) expected.set(alone(c), [...(expected.get(alone(c)) ?? []), c.recordId]);
                const events = buildChangeEvents(tx(changes), captured);
                expect(events.map((e) => e.payload.ChangeEventHeader.recordIds)).to.deep.equal([...expected.values()]);
            })
        );
    });
});
