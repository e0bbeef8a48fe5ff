/**
 * The org's records, in memory. Records are frozen versions replaced on every write (copy-on-write), so readers
 * such as the SOQL engine can hold and scan them without copying, and a failed transaction leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import type { ChangeContext, CommittedTransaction, ObjectDef, RecordStoreApi, SchemaRegistryApi, SObjectRecord, TransactionApi } from '../contracts.ts';
import { resolveField } from '../schema/schema-registry.ts';
import { autoNumberFields, formatAutoNumber } from './derived-fields.ts';
import { normaliseValue } from './field-values.ts';
import { LookupIndex } from './lookup-index.ts';
import { IdGenerator, to18 } from './record-id.ts';
import { Transaction, uniqueKey } from './transaction.ts';

export interface RecordStoreOptions {
    /** Clock in epoch ms (default Date.now); tests pass a fixed one. */
    now?: () => number;
    /** 18-character org ID (default a fixed emulator org). */
    orgId?: string;
    /** Called when an onCommit listener throws; the commit itself stands. Default: print to stderr. */
    onListenerError?: (error: unknown) => void;
}

/** Everything needed to rebuild the store (see snapshot.ts). */
export interface StoreState {
    idCounter: number;
    commitNumber: number;
    autoNumbers: Record<string, number>;
    records: { objectName: string; record: SObjectRecord }[];
}

const DEFAULT_ORG_ID = '00D5e0000000001';

/** Optional schema capability: custom AutoNumber fields read from metadata. */
type WithCustomAutoNumbers = { customAutoNumbers?: (objectName: string) => string[] };

export class RecordStore implements RecordStoreApi {
    readonly orgId: string;
    private readonly now: () => number;
    private readonly onListenerError: (error: unknown) => void;
    private ids: IdGenerator;
    private readonly indexedFields = new Map<string, string[]>();
    private readonly objectOf = new Map<string, string>();
    private readonly byObject = new Map<string, Map<string, SObjectRecord>>();
    /** Committed live (not deleted) records per object, kept by `apply` so counting never scans. */
    private readonly liveCounts = new Map<string, number>();
    private readonly uniqueIndex = new Map<string, Map<string, Set<string>>>();
    private readonly lookups = new LookupIndex();
    private readonly autoNumberCounters = new Map<string, number>();
    private readonly listeners = new Set<(transaction: CommittedTransaction) => void>();
    private commitNumber = 0;
    private active: Transaction | undefined;

    constructor(
        private readonly schema: SchemaRegistryApi,
        options: RecordStoreOptions = {}
    ) {
        this.now = options.now ?? Date.now;
        this.orgId = to18(options.orgId ?? DEFAULT_ORG_ID) ?? DEFAULT_ORG_ID;
        this.onListenerError = options.onListenerError ?? ((error) => process.stderr.write(`emulator: commit listener failed: ${String(error)}\n`));
        this.ids = new IdGenerator();
    }

    transaction<T>(context: ChangeContext, work: (tx: TransactionApi) => T): T {
        // A transaction opened inside a running one joins it as a savepoint: its failure undoes only its own
        // writes, and everything commits (or not) with the outer transaction.
        if (this.active) {
            const outer = this.active;
            const savepoint = outer.savepoint();
            try {
                return work(outer);
            } catch (error) {
                outer.restore(savepoint);
                throw error;
            }
        }
        const tx = new Transaction(this.hostFor(), context);
        this.active = tx;
        let result: T;
        try {
            result = work(tx);
            if (result instanceof Promise) throw new Error('store.transaction work must be synchronous; a promise would escape the transaction');
        } finally {
            this.active = undefined;
        }
        const changes = tx.changes();
        for (const write of tx.writes.values()) this.apply(write.objectName, write.after);
        if (changes.length > 0) this.emit({ transactionKey: randomUUID(), commitNumber: ++this.commitNumber, commitTimestamp: this.now(), context, changes });
        return result;
    }

    get(id: string): SObjectRecord | undefined {
        const record = this.getIncludingDeleted(id);
        return record && !record.IsDeleted ? record : undefined;
    }

    getIncludingDeleted(id: string): SObjectRecord | undefined {
        const full = id.length === 15 ? to18(id) : id;
        if (!full) return undefined;
        const pending = this.active?.writes.get(full);
        if (pending) return pending.after;
        const objectName = this.objectOf.get(full);
        return objectName ? this.byObject.get(objectName)?.get(full) : undefined;
    }

    /** Inside a transaction, reads see its own uncommitted writes (later Composite subrequests see earlier ones). */
    all(objectName: string, options: { includeDeleted?: boolean } = {}): SObjectRecord[] {
        const name = this.schema.get(objectName)?.name ?? objectName;
        const committed = this.byObject.get(name);
        let records = [...(committed?.values() ?? [])];
        const pending = this.pendingOf(name);
        if (pending.length > 0) {
            const overlay = new Map(pending.map((r) => [r.Id, r]));
            records = records.map((r) => overlay.get(r.Id) ?? r);
            for (const record of pending) if (!committed?.has(record.Id)) records.push(record);
        }
        return options.includeDeleted ? records : records.filter((r) => !r.IsDeleted);
    }

    /** Number of live records of an object, as `all(objectName).length` (this transaction's writes included). */
    count(objectName: string): number {
        const name = this.schema.get(objectName)?.name ?? objectName;
        if (this.pendingOf(name).length > 0) return this.all(name).length;
        return this.liveCounts.get(name) ?? 0;
    }

    findBy(objectName: string, field: string, value: unknown): SObjectRecord[] {
        const def = this.schema.require(objectName);
        const fieldDef = resolveField(def, field);
        if (!fieldDef || value === null || value === undefined) return [];
        if (fieldDef.name === 'Id') {
            const record = typeof value === 'string' ? this.get(value) : undefined;
            return record && this.objectOf.get(record.Id) === def.name ? [record] : [];
        }
        // Unique and external-ID values match regardless of case; their index exists once a record was stored.
        if (this.indexedFieldsOf(def.name).includes(fieldDef.name)) {
            const key = uniqueKey(value);
            const ids = this.uniqueIndex.get(`${def.name}.${fieldDef.name}`)?.get(key) ?? new Set<string>();
            const pending = this.pendingOf(def.name);
            if (pending.length === 0) return [...ids].map((id) => this.get(id)).filter((r): r is SObjectRecord => !!r);
            // Inside a transaction: the indexed (committed) candidates as this transaction now sees them, plus
            // its own new records; each is checked again, since a write may have changed the value.
            const matches = (r: SObjectRecord) => !r.IsDeleted && r[fieldDef.name] != null && uniqueKey(r[fieldDef.name]) === key;
            return this.overlay(def.name, ids, pending, matches);
        }
        let wanted: unknown = value;
        try {
            wanted = normaliseValue(fieldDef, value);
        } catch {
            return [];
        }
        return this.all(def.name).filter((r) => r[fieldDef.name] === wanted);
    }

    /** Records of `objectName` whose lookup `field` holds `parentId` (15 or 18 characters), deleted ones included, in `all()` order. */
    referencing(objectName: string, field: string, parentId: string): SObjectRecord[] {
        const name = this.schema.get(objectName)?.name ?? objectName;
        const records = this.byObject.get(name);
        const committed = records ? this.lookups.idsWith(name, field, parentId, () => records.values()) : [];
        const pending = this.pendingOf(name);
        if (pending.length === 0) return committed.map((id) => records!.get(id)!);
        const parent = to18(parentId);
        return this.overlay(name, committed, pending, (r) => r[field] === parent);
    }

    /** Records of `objectName` with these IDs (15 or 18 characters; others skipped), deleted ones included, in `all()` order. */
    withIds(objectName: string, ids: Iterable<string>): SObjectRecord[] {
        const name = this.schema.get(objectName)?.name ?? objectName;
        if (this.pendingOf(name).length > 0) {
            const wanted = new Set([...ids].map((id) => to18(id)));
            return this.all(name, { includeDeleted: true }).filter((r) => wanted.has(r.Id));
        }
        const found = new Set<string>();
        for (const id of ids) {
            const full = to18(id);
            if (full && this.objectOf.get(full) === name) found.add(full);
        }
        const records = this.byObject.get(name)!;
        return this.lookups.inInsertionOrder(found).map((id) => records.get(id)!);
    }

    onCommit(listener: (transaction: CommittedTransaction) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /** Counts of live records per object, for the admin API and logs. */
    counts(): Record<string, number> {
        const result: Record<string, number> = {};
        for (const name of this.byObject.keys()) result[name] = this.liveCounts.get(name) ?? 0;
        return result;
    }

    exportState(): StoreState {
        const records: StoreState['records'] = [];
        for (const [objectName, map] of this.byObject) for (const record of map.values()) records.push({ objectName, record });
        return { idCounter: this.ids.value, commitNumber: this.commitNumber, autoNumbers: Object.fromEntries(this.autoNumberCounters), records };
    }

    /** Replaces the content with `state` (records of objects no longer in the schema are refused). */
    importState(state: StoreState): void {
        this.objectOf.clear();
        this.byObject.clear();
        this.liveCounts.clear();
        this.uniqueIndex.clear();
        this.lookups.clear();
        for (const { objectName, record } of state.records) {
            if (!this.schema.get(objectName)) throw new Error(`snapshot holds ${record.Id} of unknown object ${objectName}`);
            this.apply(objectName, Object.freeze({ ...record }));
        }
        this.ids = new IdGenerator(state.idCounter);
        this.commitNumber = state.commitNumber;
        this.autoNumberCounters.clear();
        for (const [key, value] of Object.entries(state.autoNumbers)) this.autoNumberCounters.set(key, value);
    }

    private hostFor() {
        return {
            schema: this.schema,
            committed: (id: string) => {
                const objectName = this.objectOf.get(id);
                const record = objectName ? this.byObject.get(objectName)?.get(id) : undefined;
                return objectName && record ? { objectName, record } : undefined;
            },
            uniqueMatches: (objectName: string, field: string, key: string) => [...(this.uniqueIndex.get(`${objectName}.${field}`)?.get(key) ?? [])],
            nextId: (keyPrefix: string) => this.ids.next(keyPrefix),
            autoNumbers: (def: ObjectDef) => this.autoNumbersOf(def),
            now: this.now
        };
    }

    private autoNumbersOf(def: ObjectDef): [string, () => string][] {
        const custom = (this.schema as WithCustomAutoNumbers).customAutoNumbers?.(def.name) ?? [];
        return autoNumberFields(def.name, custom).map((field) => [
            field,
            () => {
                const key = `${def.name}.${field}`;
                const next = (this.autoNumberCounters.get(key) ?? 0) + 1;
                this.autoNumberCounters.set(key, next);
                return formatAutoNumber(def.name, field, next);
            }
        ]);
    }

    private apply(objectName: string, record: SObjectRecord): void {
        let records = this.byObject.get(objectName);
        if (!records) this.byObject.set(objectName, (records = new Map()));
        const previous = records.get(record.Id);
        records.set(record.Id, record);
        const liveChange = (record.IsDeleted ? 0 : 1) - (previous && !previous.IsDeleted ? 1 : 0);
        if (liveChange !== 0) this.liveCounts.set(objectName, (this.liveCounts.get(objectName) ?? 0) + liveChange);
        this.lookups.track(objectName, previous, record);
        if (!previous) this.objectOf.set(record.Id, objectName);
        for (const field of this.indexedFieldsOf(objectName)) {
            const indexKey = `${objectName}.${field}`;
            let index = this.uniqueIndex.get(indexKey);
            if (!index) this.uniqueIndex.set(indexKey, (index = new Map()));
            if (previous && previous[field] != null) index.get(uniqueKey(previous[field]))?.delete(record.Id);
            if (record[field] != null && !record.IsDeleted) {
                const key = uniqueKey(record[field]);
                let ids = index.get(key);
                if (!ids) index.set(key, (ids = new Set()));
                ids.add(record.Id);
            }
        }
    }

    /**
     * What `all(name, { includeDeleted: true }).filter(matches)` returns, without the scan: committed
     * candidates (in insertion order) as this transaction sees them, then its new records, in write order.
     */
    private overlay(name: string, committedIds: Iterable<string>, pending: SObjectRecord[], matches: (r: SObjectRecord) => boolean): SObjectRecord[] {
        const result: SObjectRecord[] = [];
        const taken = new Set<string>();
        const take = (record: SObjectRecord) => {
            taken.add(record.Id);
            result.push(record);
        };
        for (const id of this.lookups.inInsertionOrder(committedIds)) {
            const record = this.getIncludingDeleted(id);
            if (record && matches(record)) take(record);
        }
        // Committed records this transaction changed to match were not among the candidates: they keep their
        // insertion-order place; new records follow in write order, as in all().
        const late = pending.filter((record) => !taken.has(record.Id) && matches(record));
        const committed = this.byObject.get(name);
        const moved = late.filter((record) => committed?.has(record.Id));
        if (moved.length > 0) {
            const order = this.lookups.inInsertionOrder([...taken, ...moved.map((r) => r.Id)]);
            const byId = new Map([...result, ...moved].map((r) => [r.Id, r]));
            result.length = 0;
            for (const id of order) result.push(byId.get(id)!);
        }
        for (const record of late) if (!committed?.has(record.Id)) result.push(record);
        return result;
    }

    private pendingOf(objectName: string): SObjectRecord[] {
        if (!this.active || this.active.writes.size === 0) return [];
        const result: SObjectRecord[] = [];
        for (const write of this.active.writes.values()) if (write.objectName === objectName) result.push(write.after);
        return result;
    }

    /** Unique and external-ID fields, indexed so upserts and uniqueness checks do not scan. */
    private indexedFieldsOf(objectName: string): string[] {
        let fields = this.indexedFields.get(objectName);
        if (!fields) {
            const def = this.schema.get(objectName);
            fields = def ? Object.values(def.fields).filter((f) => f.unique || f.externalId).map((f) => f.name) : [];
            this.indexedFields.set(objectName, fields);
        }
        return fields;
    }

    private emit(transaction: CommittedTransaction): void {
        for (const listener of this.listeners) {
            try {
                listener(transaction);
            } catch (error) {
                this.onListenerError(error);
            }
        }
    }
}
