/**
 * ORDER BY over resolved field paths. Text sorts case-insensitively; as documented, nulls sort first
 * unless NULLS LAST is given, whatever the direction. Ties keep store (insertion) order, since
 * Array.prototype.sort is stable.
 */
import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, RecordStoreApi, SchemaRegistryApi, SObjectRecord } from '../contracts.ts';
import { readPath, resolveFieldPath, type ResolvedPath } from './field-path.ts';
import { normalizeStored, type Comparable } from './filter-value.ts';
import { locateToken, unsupportedFeature } from './soql-error.ts';

interface SortKey {
    path: ResolvedPath;
    descending: boolean;
    nullsLast: boolean;
}

export type RecordComparator = (a: SObjectRecord, b: SObjectRecord) => number;

export function compileOrderBy(
    orderBy: OrderByClause | OrderByClause[] | undefined,
    schema: SchemaRegistryApi,
    store: RecordStoreApi,
    root: ObjectDef,
    soql: string
): RecordComparator | undefined {
    if (!orderBy) return undefined;
    const clauses = Array.isArray(orderBy) ? orderBy : [orderBy];
    if (clauses.length === 0) return undefined;
    const searchFrom = Math.max(soql.toUpperCase().lastIndexOf('ORDER BY'), 0);
    const keys: SortKey[] = clauses.map((clause) => {
        if (!('field' in clause))
            throw unsupportedFeature('A function in ORDER BY', locateToken(soql, 'ORDER'));
        return {
            path: resolveFieldPath(schema, root, clause.field, soql, searchFrom),
            descending: clause.order === 'DESC',
            nullsLast: clause.nulls === 'LAST'
        };
    });
    const valueCache = new Map<SObjectRecord, (Comparable | null)[]>();
    const valuesOf = (record: SObjectRecord) => {
        let values = valueCache.get(record);
        if (!values) {
            values = keys.map((key) => normalizeStored(key.path.field, readPath(store, record, key.path)));
            valueCache.set(record, values);
        }
        return values;
    };
    return (a, b) => {
        const left = valuesOf(a);
        const right = valuesOf(b);
        for (let i = 0; i < keys.length; i++) {
            const order = compareWithNulls(left[i], right[i], keys[i]);
            if (order !== 0) return order;
        }
        return 0;
    };
}

function compareWithNulls(a: Comparable | null, b: Comparable | null, key: SortKey): number {
    if (a === null || b === null) {
        if (a === b) return 0;
        const nullFirst = a === null ? -1 : 1;
        return key.nullsLast ? -nullFirst : nullFirst;
    }
    let order: number;
    if (typeof a === 'number' && typeof b === 'number') order = a - b;
    else if (typeof a === 'boolean' || typeof b === 'boolean') order = Number(a) - Number(b);
    else order = a < b ? -1 : a > b ? 1 : 0;
    return key.descending ? -order : order;
}
