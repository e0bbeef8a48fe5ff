import { expect } from 'chai';
import { LookupIndex } from '../../../bridge/src/emulator/store/lookup-index.ts';
import { RecordStore } from '../../../bridge/src/emulator/store/record-store.ts';
import { fixtureSchema, TEST_CONTEXT } from '../fixtures.ts';

describe('LookupIndex', () => {
    const record = (Id: string, ParentId: string | null) => Object.freeze({ Id, ParentId });
    const A = '0015e0000000001AAA';
    const B = '0015e0000000002AAA';

    it('groups by the 15-character lookup value and returns IDs in first-stored order after re-parenting', () => {
        const index = new LookupIndex();
        const stored = [record('c1', A), record('c2', B), record('c3', A)];
        for (const r of stored) index.track('Account', undefined, r);
        expect(index.idsWith('Account', 'ParentId', A.slice(0, 15), () => stored)).to.deep.equal([
            'c1',
            'c3'
        ]);
        index.track('Account', stored[0], record('c1', B));
        index.track('Account', stored[2], record('c3', null));
        expect(index.idsWith('Account', 'ParentId', A, () => [])).to.deep.equal([]);
        expect(index.idsWith('Account', 'ParentId', B, () => [])).to.deep.equal(['c1', 'c2']);
    });

    it('is rebuilt when the store imports a snapshot', () => {
        const schema = fixtureSchema();
        const source = new RecordStore(schema);
        source.transaction(TEST_CONTEXT, (tx) =>
            tx.insert('Location', { Name: 'Depot', LocationType: 'Site' })
        );
        const parent = source.transaction(TEST_CONTEXT, (tx) => tx.insert('Account', { Name: 'Parent' }));
        const child = source.transaction(TEST_CONTEXT, (tx) =>
            tx.insert('Account', { Name: 'Child', ParentId: parent.Id })
        );
        const target = new RecordStore(schema);
        const old = target.transaction(TEST_CONTEXT, (tx) => tx.insert('Account', { Name: 'Old' }));
        const oldChild = target.transaction(TEST_CONTEXT, (tx) =>
            tx.insert('Account', { Name: 'Old child', ParentId: old.Id })
        );
        expect(target.referencing('Account', 'ParentId', old.Id)).to.deep.equal([oldChild]);
        target.importState(source.exportState());
        expect(target.referencing('Account', 'ParentId', old.Id)).to.deep.equal([]);
        expect(target.referencing('Account', 'ParentId', parent.Id).map((r) => r.Id)).to.deep.equal([
            child.Id
        ]);
        expect(
            target.withIds('Account', [child.Id, parent.Id.slice(0, 15), old.Id]).map((r) => r.Id)
        ).to.deep.equal([parent.Id, child.Id]);
    });
});
