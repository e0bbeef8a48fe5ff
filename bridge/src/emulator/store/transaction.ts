/**
 * One store transaction: every write lands in a private overlay of frozen record versions, so a failure simply
 * discards the overlay (nothing to undo) and a commit swaps the versions in at once.
 */
import type { ChangeContext, FieldDef, ObjectDef, RecordChange, SchemaRegistryApi, SObjectRecord, TransactionApi } from '../contracts.ts';
import { SalesforceApiError, sfError } from '../rest/salesforce-error.ts';
import { resolveField } from '../schema/schema-registry.ts';
import { applyFormulas, FORMULA_FIELDS, rollUpDeltas } from './derived-fields.ts';
import { formatDatetime, normaliseValue } from './field-values.ts';
import { to18 } from './record-id.ts';

/** What a transaction needs from its store. */
export interface TransactionHost {
    schema: SchemaRegistryApi;
    /** Committed version of a record (deleted ones included) and its object name. */
    committed(id: string): { objectName: string; record: SObjectRecord } | undefined;
    /** Committed IDs whose unique/external-ID `field` equals `key` (already lower-cased). */
    uniqueMatches(objectName: string, field: string, key: string): string[];
    nextId(keyPrefix: string): string;
    autoNumbers(def: ObjectDef): [field: string, next: () => string][];
    now(): number;
}

export interface PendingWrite {
    objectName: string;
    /** Committed version before this transaction (undefined when inserted here). */
    before?: SObjectRecord;
    after: SObjectRecord;
    /**
     * Every field this transaction may have changed since `before`, so the commit compares only those; absent
     * when not known, and then every field is compared.
     */
    touched?: ReadonlySet<string>;
}

/** Fields the platform sets on every write; callers cannot set them. */
const PLATFORM_FIELDS = new Set(['Id', 'SystemModstamp', 'IsDeleted', 'LastModifiedDate', 'LastModifiedById']);
/** Left out of CDC-style changedFields, as Salesforce does. */
const NOT_REPORTED = new Set(['SystemModstamp']);
/** Fields every update and roll-up sets besides the ones it names. */
const STAMPED = ['LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
const NOTHING_TOUCHED: ReadonlySet<string> = new Set();

export const uniqueKey = (value: unknown) => String(value).toLowerCase();

/** Per-object facts every write needs, computed once: the blank record with defaults, required and unique fields. */
interface WritePlan {
    blank: Record<string, unknown>;
    allFields: FieldDef[];
    uniqueFields: FieldDef[];
    hasOwner: boolean;
}

const plans = new WeakMap<ObjectDef, WritePlan>();

function planOf(def: ObjectDef): WritePlan {
    let plan = plans.get(def);
    if (!plan) {
        const allFields = Object.values(def.fields);
        const blank: Record<string, unknown> = {};
        for (const field of allFields) if (field.type !== 'address') blank[field.name] = field.defaultValue ?? null;
        plan = { blank, allFields, uniqueFields: allFields.filter((f) => f.unique), hasOwner: 'OwnerId' in def.fields };
        plans.set(def, plan);
    }
    return plan;
}

export class Transaction implements TransactionApi {
    readonly writes = new Map<string, PendingWrite>();

    constructor(
        private readonly host: TransactionHost,
        private readonly context: ChangeContext
    ) {}

    private timestamp?: string;

    /**
     * One system timestamp for the whole transaction: every record it writes carries the same
     * LastModifiedDate/SystemModstamp, so identical changes to several records merge into one change event.
     */
    private stamp(): string {
        this.timestamp ??= formatDatetime(this.host.now());
        return this.timestamp;
    }

    /** Undo log: each overlay write with the entry it replaced, so savepoints cost nothing to take. */
    private readonly journal: [string, PendingWrite | undefined][] = [];

    /** A mark `restore` returns to (nested transactions roll back only their own writes). */
    savepoint(): number {
        return this.journal.length;
    }

    restore(savepoint: number): void {
        while (this.journal.length > savepoint) {
            const [id, previous] = this.journal.pop()!;
            if (previous) this.writes.set(id, previous);
            else this.writes.delete(id);
        }
    }

    get(id: string): SObjectRecord | undefined {
        const record = this.getAny(id)?.record;
        return record && !record.IsDeleted ? record : undefined;
    }

    insert(objectName: string, fields: Record<string, unknown>): SObjectRecord {
        const def = this.writableObject(objectName);
        const now = this.stamp();
        const plan = planOf(def);
        const record: Record<string, unknown> = { ...plan.blank, ...this.normalise(def, fields) };
        for (const [field, next] of this.host.autoNumbers(def)) if (record[field] == null) record[field] = next();
        const id = this.host.nextId(def.keyPrefix);
        Object.assign(record, { Id: id, IsDeleted: false, LastModifiedDate: now, LastModifiedById: this.context.userId, SystemModstamp: now });
        if (record.CreatedDate == null) record.CreatedDate = now;
        if (record.CreatedById == null) record.CreatedById = this.context.userId;
        if (plan.hasOwner && record.OwnerId == null) record.OwnerId = this.context.userId;
        this.checkRequired(record, plan.allFields);
        applyFormulas(def.name, record);
        const stored = Object.freeze(record) as SObjectRecord;
        this.checkUnique(def, stored);
        this.record(id, { objectName: def.name, after: stored });
        this.rollUp(def.name, undefined, stored);
        return stored;
    }

    update(objectName: string, id: string, fields: Record<string, unknown>): SObjectRecord {
        const def = this.writableObject(objectName);
        const current = this.existing(def, id);
        const changes = this.normalise(def, fields);
        const named = Object.keys(changes);
        const record: Record<string, unknown> = { ...current, ...changes };
        const now = this.stamp();
        record.LastModifiedDate = now;
        record.LastModifiedById = this.context.userId;
        record.SystemModstamp = now;
        this.checkRequired(record, named.map((name) => def.fields[name]));
        applyFormulas(def.name, record, current);
        const stored = Object.freeze(record) as SObjectRecord;
        this.checkUnique(def, stored);
        this.put(def.name, stored, named.concat(STAMPED, FORMULA_FIELDS[def.name] ?? []));
        this.rollUp(def.name, current, stored);
        return stored;
    }

    delete(objectName: string, id: string): void {
        const def = this.host.schema.require(objectName);
        const current = this.existing(def, id);
        const now = this.stamp();
        this.put(def.name, Object.freeze({ ...current, IsDeleted: true, LastModifiedDate: now, LastModifiedById: this.context.userId, SystemModstamp: now }));
        this.rollUp(def.name, current, undefined);
    }

    /** The records this transaction changed, as RecordChanges in first-touch order. */
    changes(): RecordChange[] {
        const result: RecordChange[] = [];
        for (const [recordId, write] of this.writes) {
            const { before, after, objectName } = write;
            if (!before) {
                if (after.IsDeleted) continue;
                const changedFields = Object.keys(after).filter((k) => k !== 'Id' && after[k] !== null && !NOT_REPORTED.has(k));
                result.push({ objectName, recordId, changeType: 'CREATE', changedFields, after });
            } else if (after.IsDeleted) {
                result.push({ objectName, recordId, changeType: 'DELETE', changedFields: [], after: before, before });
            } else {
                const changedFields = write.touched ? changedAmong(write.touched, before, after) : Object.keys(after).filter((k) => !NOT_REPORTED.has(k) && !sameValue(before[k], after[k]));
                result.push({ objectName, recordId, changeType: 'UPDATE', changedFields, after, before });
            }
        }
        return result;
    }

    private getAny(id: string): { objectName: string; record: SObjectRecord } | undefined {
        const full = id.length === 15 ? to18(id) : id;
        if (!full) return undefined;
        const pending = this.writes.get(full);
        return pending ? { objectName: pending.objectName, record: pending.after } : this.host.committed(full);
    }

    private writableObject(objectName: string): ObjectDef {
        const def = this.host.schema.require(objectName);
        if (def.isPlatformEvent) throw sfError(400, 'INVALID_OPERATION', `${def.name} is a platform event: publish it, do not store it`);
        return def;
    }

    private existing(def: ObjectDef, id: string): SObjectRecord {
        const found = this.getAny(id);
        if (!found || found.objectName !== def.name) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
        if (found.record.IsDeleted) throw sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
        return found.record;
    }

    /** Overlays `after`; `touched` names every field that can differ from the version it replaces. */
    private put(objectName: string, after: SObjectRecord, touched?: string[]): void {
        const pending = this.writes.get(after.Id);
        const before = pending ? pending.before : this.host.committed(after.Id)?.record;
        // Fields touched by earlier writes in this transaction still count, as they too differ from `before`.
        const earlier = pending ? pending.touched : NOTHING_TOUCHED;
        let all: Set<string> | undefined;
        if (touched && earlier) {
            all = new Set(earlier);
            for (const field of touched) all.add(field);
        }
        this.record(after.Id, { objectName, before, after, touched: all });
    }

    private record(id: string, write: PendingWrite): void {
        this.journal.push([id, this.writes.get(id)]);
        this.writes.set(id, write);
    }

    private normalise(def: ObjectDef, fields: Record<string, unknown>): Record<string, unknown> {
        const result: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(fields)) {
            if (name === 'attributes') continue;
            const field = resolveField(def, name);
            if (!field) throw sfError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`, [name]);
            if (PLATFORM_FIELDS.has(field.name)) {
                throw sfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field.name]);
            }
            const normalised = normaliseValue(field, value);
            if (field.type === 'reference' && normalised !== null) this.checkReference(field, normalised as string);
            result[field.name] = normalised;
        }
        return result;
    }

    private checkReference(field: FieldDef, id: string): void {
        const target = this.getAny(id);
        const prefixOwner = this.host.schema.byKeyPrefix(id.slice(0, 3));
        const allowed = field.referenceTo ?? [];
        if (!prefixOwner || !allowed.includes(prefixOwner.name)) {
            throw sfError(400, 'FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${id}`, [field.name]);
        }
        if (!target) throw sfError(400, 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', `insufficient access rights on cross-reference id: ${id}`, [field.name]);
        if (target.record.IsDeleted) throw sfError(400, 'ENTITY_IS_DELETED', 'entity is deleted', [field.name]);
    }

    private checkRequired(record: Record<string, unknown>, candidates: (FieldDef | undefined)[]): void {
        const missing = candidates.filter((f): f is FieldDef => !!f && !!f.required && (record[f.name] === null || record[f.name] === undefined)).map((f) => f.name);
        if (missing.length > 0) throw sfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    }

    private checkUnique(def: ObjectDef, record: SObjectRecord): void {
        for (const field of planOf(def).uniqueFields) {
            if (record[field.name] === null) continue;
            const key = uniqueKey(record[field.name]);
            const clash =
                this.host.uniqueMatches(def.name, field.name, key).find((id) => id !== record.Id && !this.writes.has(id)) ??
                [...this.writes.values()].find((w) => w.objectName === def.name && w.after.Id !== record.Id && !w.after.IsDeleted && w.after[field.name] !== null && uniqueKey(w.after[field.name]) === key)?.after.Id;
            if (clash) throw new SalesforceApiError(400, { errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: ${field.name} duplicates value on record with id: ${clash}`, fields: [field.name] });
        }
    }

    private rollUp(objectName: string, before: SObjectRecord | undefined, after: SObjectRecord | undefined): void {
        for (const { parentId, target, delta } of rollUpDeltas(objectName, before, after)) {
            const parent = this.getAny(parentId);
            if (!parent || parent.record.IsDeleted) continue;
            const now = this.stamp();
            const current = typeof parent.record[target] === 'number' ? (parent.record[target] as number) : 0;
            this.put(parent.objectName, Object.freeze({ ...parent.record, [target]: current + delta, LastModifiedDate: now, SystemModstamp: now }), [target, ...STAMPED]);
        }
    }
}

/** The fields among `touched` whose value differs, in the record's own field order (as a full comparison lists them). */
function changedAmong(touched: ReadonlySet<string>, before: SObjectRecord, after: SObjectRecord): string[] {
    const changed: string[] = [];
    for (const k of touched) if (Object.hasOwn(after, k) && !NOT_REPORTED.has(k) && !sameValue(before[k], after[k])) changed.push(k);
    if (changed.length < 2) return changed;
    const order = Object.keys(after);
    return changed.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function sameValue(a: unknown, b: unknown): boolean {
    return a === b || (a == null && b == null);
}
