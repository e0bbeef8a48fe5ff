/**
 * Secondary indexes for the record store: records grouped by the value of a lookup field (children by parent),
 * and each record's position in the store's insertion order. A lookup index is built the first time an
 * (object, field) pair is asked for and then kept current by every write the store applies, so only the lookups
 * that readers actually use cost memory. Positions let a reader that narrows by index return records in the same
 * order as a full scan of `all()`.
 */
import type { SObjectRecord } from '../contracts.ts';

/** Lookup values are grouped by their case-sensitive 15-character form, so 15- and 18-character IDs meet. */
const keyOf = (value: unknown): string | undefined =>
    typeof value === 'string' && value.length > 0 ? value.slice(0, 15) : undefined;

export class LookupIndex {
    private readonly positions = new Map<string, number>();
    private nextPosition = 0;
    /** object name → lookup field → 15-character lookup value → IDs of the records holding it. */
    private readonly byLookup = new Map<string, Map<string, Map<string, Set<string>>>>();

    /** Records one applied record version; the store calls it for every write, in commit order. */
    track(objectName: string, previous: SObjectRecord | undefined, record: SObjectRecord): void {
        // No previous version means the store has just added the record at the end of its insertion order.
        if (previous === undefined) this.positions.set(record.Id, this.nextPosition++);
        const fields = this.byLookup.get(objectName);
        if (!fields) return;
        for (const [field, groups] of fields) {
            const before = keyOf(previous?.[field]);
            const after = keyOf(record[field]);
            if (before === after) continue;
            if (before !== undefined) removeFrom(groups, before, record.Id);
            if (after !== undefined) addTo(groups, after, record.Id);
        }
    }

    clear(): void {
        this.positions.clear();
        this.nextPosition = 0;
        this.byLookup.clear();
    }

    /**
     * IDs of the records of `objectName` whose `field` holds `value` (15 or 18 characters), in insertion order.
     * `records` lists every stored record of the object; it is read once, when the (object, field) index is built.
     */
    idsWith(
        objectName: string,
        field: string,
        value: string,
        records: () => Iterable<SObjectRecord>
    ): string[] {
        let fields = this.byLookup.get(objectName);
        if (!fields) this.byLookup.set(objectName, (fields = new Map()));
        let groups = fields.get(field);
        if (!groups) {
            groups = new Map();
            for (const record of records()) {
                const key = keyOf(record[field]);
                if (key !== undefined) addTo(groups, key, record.Id);
            }
            fields.set(field, groups);
        }
        const key = keyOf(value);
        const ids = key === undefined ? undefined : groups.get(key);
        return ids ? this.inInsertionOrder(ids) : [];
    }

    /** `ids` (known to the store) sorted by when each record was first stored. */
    inInsertionOrder(ids: Iterable<string>): string[] {
        const sorted = [...ids];
        // A re-parented record joins the end of its new group, so a group's own order is not enough.
        if (sorted.length > 1)
            sorted.sort((a, b) => (this.positions.get(a) ?? 0) - (this.positions.get(b) ?? 0));
        return sorted;
    }
}

function addTo(groups: Map<string, Set<string>>, key: string, id: string): void {
    const ids = groups.get(key);
    if (ids) ids.add(id);
    else groups.set(key, new Set([id]));
}

function removeFrom(groups: Map<string, Set<string>>, key: string, id: string): void {
    const ids = groups.get(key);
    if (!ids) return;
    ids.delete(id);
    if (ids.size === 0) groups.delete(key);
}
