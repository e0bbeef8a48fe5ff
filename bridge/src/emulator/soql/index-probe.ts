/**
 * Index fast path. When a WHERE clause is, or is ANDed with, `Id = x`, `Id IN (...)`, `SomeLookupId = x` or
 * `SomeLookupId IN (...)`, the records that can match are fetched through the store's indexes instead of
 * scanning every record of the object. The full predicate still runs on those candidates, and the store hands
 * them back in `all()` order, so the answer is exactly the one a scan gives: the probe only has to find a
 * superset of the matches. Stores without the indexes (test fakes) are scanned as before.
 */
import type { ConditionWithValueQuery } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, RecordStoreApi, SObjectRecord } from '../contracts.ts';
import { findField } from './field-path.ts';
import { literalOperand } from './filter-value.ts';
import type { WhereNode } from './where-tree.ts';

/** Store capability behind the fast path (RecordStore has it); every result is in `all()` order, deleted records included. */
export interface IndexedRecordStore {
    /** Records of `objectName` whose lookup `field` holds `parentId`. */
    referencing(objectName: string, field: string, parentId: string): SObjectRecord[];
    /** Records of `objectName` with these IDs. */
    withIds(objectName: string, ids: Iterable<string>): SObjectRecord[];
}

/** Which index finds the candidates: the record ID itself, or a lookup field; `values` are 15-character IDs. */
export type IndexProbe =
    { kind: 'id'; values: string[] } | { kind: 'lookup'; field: string; values: string[] };

export function indexedStoreOf(store: RecordStoreApi): IndexedRecordStore | undefined {
    const candidate = store as Partial<IndexedRecordStore>;
    return typeof candidate.referencing === 'function' && typeof candidate.withIds === 'function'
        ? (candidate as IndexedRecordStore)
        : undefined;
}

/**
 * The probe for a WHERE tree that has already compiled (so its literals are known to be valid), or undefined
 * when no index applies. Under AND any one indexable condition narrows enough; an ID probe is preferred.
 */
export function indexProbeOf(node: WhereNode, root: ObjectDef, now: number): IndexProbe | undefined {
    if (node.kind === 'condition') return conditionProbe(node.condition, root, now);
    if (node.kind !== 'and') return undefined;
    let lookupProbe: IndexProbe | undefined;
    for (const child of node.children) {
        if (child.kind !== 'condition') continue;
        const probe = conditionProbe(child.condition, root, now);
        if (probe?.kind === 'id') return probe;
        lookupProbe ??= probe;
    }
    return lookupProbe;
}

function conditionProbe(
    condition: ConditionWithValueQuery,
    root: ObjectDef,
    now: number
): IndexProbe | undefined {
    if (!('field' in condition) || condition.field.includes('.')) return undefined;
    if ('valueQuery' in condition && condition.valueQuery) return undefined;
    if (condition.operator !== '=' && condition.operator !== 'IN') return undefined;
    const field = findField(root, condition.field);
    if (!field || (field.type !== 'id' && field.type !== 'reference')) return undefined;
    const raw = (condition as { value?: string | string[] }).value;
    const literalTypes = (condition as { literalType?: string | string[] }).literalType;
    if (raw === undefined) return undefined;
    const values: string[] = [];
    for (const [index, value] of (Array.isArray(raw) ? raw : [raw]).entries()) {
        const literalType = (Array.isArray(literalTypes) ? literalTypes[index] : literalTypes) ?? 'STRING';
        // Normalised exactly as the predicate normalises it; a NULL (which matches empty lookups) needs a scan.
        const operand = literalOperand(value, literalType, { field, fieldLabel: condition.field, now });
        if (operand.kind !== 'value' || typeof operand.value !== 'string') return undefined;
        values.push(operand.value);
    }
    return field.type === 'id' ? { kind: 'id', values } : { kind: 'lookup', field: field.name, values };
}

/** The records a probe can match, in `all()` order, or undefined when the store has no indexes. */
export function probeCandidates(
    probe: IndexProbe,
    objectName: string,
    store: RecordStoreApi,
    includeDeleted: boolean
): SObjectRecord[] | undefined {
    const indexed = indexedStoreOf(store);
    if (!indexed) return undefined;
    let records: SObjectRecord[];
    if (probe.kind === 'id') {
        records = indexed.withIds(objectName, probe.values);
    } else {
        const distinct = [...new Set(probe.values)];
        records = distinct.flatMap((value) => indexed.referencing(objectName, probe.field, value));
        // Records under different values are disjoint, but each group is ordered only within itself.
        if (distinct.length > 1)
            records = indexed.withIds(
                objectName,
                records.map((r) => r.Id)
            );
    }
    return includeDeleted ? records : records.filter((r) => !r.IsDeleted);
}
