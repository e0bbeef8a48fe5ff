/**
 * Resolves SOQL field references (`Status`, `FulfillmentOrder.OrderSummary.Account.Name`) against the
 * schema, case-insensitively as SOQL does, and reads them from records by following lookups through
 * the store's O(1) `get`. Polymorphic lookups resolve each hop against the referenced object the ID
 * actually belongs to.
 */
import type { FieldDef, ObjectDef, RecordStoreApi, SchemaRegistryApi, SObjectRecord } from '../contracts.ts';
import { locateToken, noSuchColumn, unknownRelationshipInPath, unsupportedFeature } from './soql-error.ts';

/** Documented limit: parent relationship paths may go at most five levels up from the queried object. */
export const MAX_RELATIONSHIP_DEPTH = 5;

/** One lookup followed on the way to a field. */
export interface PathHop {
    /** Relationship name as the schema spells it (`OrderSummary`). */
    relationshipName: string;
    /** Lookup field on the record the hop starts from (`OrderSummaryId`). */
    lookupField: string;
    /** Objects the lookup may point to; more than one for polymorphic lookups. */
    targets: string[];
}

/** A field reference checked against the schema. */
export interface ResolvedPath {
    hops: PathHop[];
    field: FieldDef;
    /** The path as written in the query, for error messages. */
    rawPath: string;
}

/** Fields every stored record carries even when an object definition leaves them out. */
const SYSTEM_FIELDS: Record<string, FieldDef> = {
    id: systemField('Id', 'id'),
    isdeleted: systemField('IsDeleted', 'boolean'),
    createddate: systemField('CreatedDate', 'datetime'),
    lastmodifieddate: systemField('LastModifiedDate', 'datetime'),
    systemmodstamp: systemField('SystemModstamp', 'datetime')
};

function systemField(name: string, type: FieldDef['type']): FieldDef {
    return { name, label: name, type, createable: false, updateable: false, calculated: true };
}

const fieldIndexes = new WeakMap<ObjectDef, Map<string, FieldDef>>();
const relationshipIndexes = new WeakMap<ObjectDef, Map<string, FieldDef>>();

export function findField(objectDef: ObjectDef, name: string): FieldDef | undefined {
    let index = fieldIndexes.get(objectDef);
    if (!index) {
        index = new Map(Object.values(objectDef.fields).map((f) => [f.name.toLowerCase(), f]));
        fieldIndexes.set(objectDef, index);
    }
    const key = name.toLowerCase();
    return index.get(key) ?? SYSTEM_FIELDS[key];
}

export function findRelationship(objectDef: ObjectDef, relationshipName: string): FieldDef | undefined {
    let index = relationshipIndexes.get(objectDef);
    if (!index) {
        index = new Map();
        for (const f of Object.values(objectDef.fields)) {
            if (f.type === 'reference' && f.relationshipName) index.set(f.relationshipName.toLowerCase(), f);
        }
        relationshipIndexes.set(objectDef, index);
    }
    return index.get(relationshipName.toLowerCase());
}

/** Checks `path` (dot-separated) on `root`; throws INVALID_FIELD naming the first unknown part. */
export function resolveFieldPath(
    schema: SchemaRegistryApi,
    root: ObjectDef,
    path: string,
    soql: string,
    searchFrom = 0
): ResolvedPath {
    const parts = path.split('.');
    const position = locateToken(soql, path, searchFrom);
    if (parts.length - 1 > MAX_RELATIONSHIP_DEPTH) {
        throw unsupportedFeature(
            `A relationship path deeper than ${MAX_RELATIONSHIP_DEPTH} levels ('${path}')`,
            position
        );
    }
    let candidates: ObjectDef[] = [root];
    const hops: PathHop[] = [];
    for (const relationship of parts.slice(0, -1)) {
        const lookup = firstDefined(candidates, (def) => findRelationship(def, relationship));
        if (!lookup) throw unknownRelationshipInPath(relationship, position);
        const targets = lookup.referenceTo ?? [];
        hops.push({
            relationshipName: lookup.relationshipName ?? relationship,
            lookupField: lookup.name,
            targets
        });
        candidates = targets.map((t) => schema.get(t)).filter((d): d is ObjectDef => d !== undefined);
        if (candidates.length === 0) throw unknownRelationshipInPath(relationship, position);
    }
    const fieldName = parts[parts.length - 1];
    const field = firstDefined(candidates, (def) => findField(def, fieldName));
    if (!field) {
        const entity = hops.length === 0 ? root.name : candidates[0].name;
        throw noSuchColumn(hops.length === 0 ? fieldName : path, entity, position);
    }
    return { hops, field, rawPath: path };
}

function firstDefined<T, R>(items: T[], pick: (item: T) => R | undefined): R | undefined {
    for (const item of items) {
        const found = pick(item);
        if (found !== undefined) return found;
    }
    return undefined;
}

/** The record a lookup on `record` points to, or undefined when the lookup is empty or dangling. */
export function followLookup(
    store: RecordStoreApi,
    record: SObjectRecord,
    hop: PathHop
): SObjectRecord | undefined {
    const id = record[hop.lookupField];
    if (typeof id !== 'string' || id.length === 0) return undefined;
    return store.get(id);
}

/** The value at `path` on `record` (undefined when a lookup on the way is empty). */
export function readPath(store: RecordStoreApi, record: SObjectRecord, path: ResolvedPath): unknown {
    let current: SObjectRecord | undefined = record;
    for (const hop of path.hops) {
        current = followLookup(store, current, hop);
        if (!current) return undefined;
    }
    return readField(current, path.field);
}

export function readField(record: SObjectRecord, field: FieldDef): unknown {
    const value = record[field.name];
    if (value === undefined && field.name === 'IsDeleted') return false;
    return value;
}

/** Object an ID belongs to, by key prefix, falling back to the lookup's first declared target. */
export function objectOfId(schema: SchemaRegistryApi, id: string, fallback: string[]): string | undefined {
    return schema.byKeyPrefix(id.slice(0, 3))?.name ?? fallback[0];
}
