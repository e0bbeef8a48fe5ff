/**
 * Aggregate SOQL: `GROUP BY` and the aggregate functions COUNT(field), COUNT_DISTINCT, SUM, AVG, MIN
 * and MAX. As documented ("Working with SOQL Aggregate Functions", "GROUP BY"), such a query answers
 * with AggregateResult records holding one field per SELECT item: grouped fields under their own name,
 * aggregates under their alias or, without one, `expr0`, `expr1`… numbered over the unaliased
 * aggregates only. A GROUP BY without aggregates returns the distinct values, null included;
 * COUNT_DISTINCT counts distinct non-null values. LIMIT, OFFSET and ORDER BY apply to the groups.
 */
import type { FieldType as SelectField, OrderByClause, Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, RecordStoreApi, SObjectRecord } from '../contracts.ts';
import { readPath, resolveFieldPath, type ResolvedPath } from './field-path.ts';
import { normalizeStored, type Comparable } from './filter-value.ts';
import { compileRowFilter, selectRows, type PlanContext } from './query-plan.ts';
import { locateToken, malformedQuery, unsupportedFeature } from './soql-error.ts';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const NUMERIC = new Set(['int', 'double', 'currency', 'percent']);

type AggregateName = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

interface AggregateExpr {
    fn: AggregateName;
    path: ResolvedPath;
}

type Column = { key: string; kind: 'group'; index: number } | { key: string; kind: 'aggregate'; expr: AggregateExpr };

interface GroupOrder {
    value: (group: Group) => unknown;
    comparable: (group: Group) => Comparable | null;
    descending: boolean;
    nullsLast: boolean;
}

interface Group {
    /** Raw values of the GROUP BY fields, from the group's first record. */
    keys: unknown[];
    rows: SObjectRecord[];
}

export interface AggregateResultPage {
    totalSize: number;
    done: true;
    records: Record<string, unknown>[];
}

/** True when the statement is answered with AggregateResult records. `SELECT COUNT()` alone is not. */
export function isAggregateQuery(query: Query): boolean {
    if (query.groupBy) return true;
    return (query.fields ?? []).some(
        (f) => f.type === 'FieldFunctionExpression' && AGGREGATES.has(f.functionName.toUpperCase()) && f.parameters.length > 0
    );
}

export function executeAggregate(query: Query, ctx: PlanContext, includeDeleted: boolean): AggregateResultPage {
    if (query.having) throw unsupportedFeature('HAVING', locateToken(ctx.soql, 'HAVING'));
    const filter = compileRowFilter(query, ctx);
    const object = filter.object;
    const groupPaths = groupByPaths(query, object, ctx);
    const columns = compileColumns(query.fields ?? [], object, groupPaths, ctx);
    const rows = selectRows({ ...filter, items: [] }, ctx.store, includeDeleted);
    let groups = groupRows(rows, groupPaths, ctx.store);
    const orders = compileGroupOrder(query.orderBy, object, groupPaths, ctx);
    if (orders.length > 0) groups = sortGroups(groups, orders);
    const start = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : start + query.limit;
    const page = groups.slice(start, end);
    const records = page.map((group) => {
        const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
        for (const column of columns) {
            record[column.key] = column.kind === 'group' ? (group.keys[column.index] ?? null) : aggregate(column.expr, group.rows, ctx.store);
        }
        return record;
    });
    return { totalSize: records.length, done: true, records };
}

function groupByPaths(query: Query, object: ObjectDef, ctx: PlanContext): ResolvedPath[] {
    const clauses = query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : [];
    const searchFrom = Math.max(ctx.soql.toUpperCase().indexOf('GROUP BY'), 0);
    return clauses.map((clause) => {
        if (!('field' in clause) || typeof clause.field !== 'string') {
            throw unsupportedFeature('A function in GROUP BY (ROLLUP, CUBE or a date function)', locateToken(ctx.soql, 'GROUP'));
        }
        return resolveFieldPath(ctx.schema, object, clause.field, ctx.soql, searchFrom);
    });
}

function samePath(a: ResolvedPath, b: ResolvedPath): boolean {
    return a.field === b.field && a.hops.length === b.hops.length && a.hops.every((hop, i) => hop.lookupField === b.hops[i].lookupField);
}

function compileColumns(fields: SelectField[], object: ObjectDef, groupPaths: ResolvedPath[], ctx: PlanContext): Column[] {
    const columns: Column[] = [];
    let unaliased = 0;
    const taken = new Set<string>();
    const add = (column: Column) => {
        const lower = column.key.toLowerCase();
        if (taken.has(lower)) throw malformedQuery(`duplicate alias: ${column.key}`, locateToken(ctx.soql, column.key));
        taken.add(lower);
        columns.push(column);
    };
    for (const field of fields) {
        switch (field.type) {
            case 'Field':
            case 'FieldRelationship': {
                const raw = field.type === 'Field' ? field.field : [...field.relationships, field.field].join('.');
                const path = resolveFieldPath(ctx.schema, object, raw, ctx.soql);
                const index = groupPaths.findIndex((g) => samePath(g, path));
                // Documented: every non-aggregated field in the SELECT list must be in GROUP BY.
                if (index < 0) throw malformedQuery(`Field must be grouped or aggregated: ${path.field.name}`, locateToken(ctx.soql, raw));
                add({ key: ('alias' in field && field.alias) || path.field.name, kind: 'group', index });
                break;
            }
            case 'FieldFunctionExpression': {
                const expr = compileAggregate(field.functionName, field.parameters, field.rawValue, object, ctx);
                add({ key: field.alias ?? `expr${unaliased++}`, kind: 'aggregate', expr });
                break;
            }
            default:
                throw unsupportedFeature('A subquery or TYPEOF in an aggregate query', locateToken(ctx.soql, 'SELECT'));
        }
    }
    return columns;
}

function compileAggregate(functionName: string, parameters: unknown[], rawValue: string | undefined, object: ObjectDef, ctx: PlanContext): AggregateExpr {
    const fn = functionName.toUpperCase();
    const position = locateToken(ctx.soql, rawValue ?? functionName);
    if (!AGGREGATES.has(fn)) throw unsupportedFeature(`The function ${functionName}()`, position);
    if (parameters.length === 0) {
        // COUNT() counts rows and stands alone; with GROUP BY the documentation asks for COUNT(fieldName).
        throw malformedQuery('COUNT() must be the only element in the SELECT list; use COUNT(Id) with GROUP BY or other fields', position);
    }
    const [parameter] = parameters;
    if (parameters.length > 1 || typeof parameter !== 'string') throw unsupportedFeature(`A nested function in ${functionName}()`, position);
    const path = resolveFieldPath(ctx.schema, object, parameter, ctx.soql);
    if ((fn === 'SUM' || fn === 'AVG') && !NUMERIC.has(path.field.type)) {
        // Wording as Salesforce answers for a non-numeric field (not quoted in the documentation).
        throw malformedQuery(`field ${path.field.name} does not support aggregate operator ${fn}`, position);
    }
    return { fn: fn as AggregateName, path };
}

function groupRows(rows: SObjectRecord[], paths: ResolvedPath[], store: RecordStoreApi): Group[] {
    if (paths.length === 0) return [{ keys: [], rows }];
    const groups = new Map<string, Group>();
    for (const row of rows) {
        const raw = paths.map((path) => readPath(store, row, path));
        // Text groups case-insensitively and IDs by their 15-character form, as comparisons do.
        const identity = JSON.stringify(paths.map((path, i) => normalizeStored(path.field, raw[i])));
        let group = groups.get(identity);
        if (!group) {
            group = { keys: raw.map((v) => (v === undefined ? null : v)), rows: [] };
            groups.set(identity, group);
        }
        group.rows.push(row);
    }
    return [...groups.values()];
}

function aggregate(expr: AggregateExpr, rows: SObjectRecord[], store: RecordStoreApi): unknown {
    const { fn, path } = expr;
    const present: { raw: unknown; value: Comparable }[] = [];
    for (const row of rows) {
        const raw = readPath(store, row, path);
        const value = normalizeStored(path.field, raw);
        if (value !== null) present.push({ raw, value });
    }
    switch (fn) {
        case 'COUNT':
            return present.length;
        case 'COUNT_DISTINCT':
            return new Set(present.map((p) => p.value)).size;
        case 'SUM':
            return present.length === 0 ? null : present.reduce((sum, p) => sum + Number(p.value), 0);
        case 'AVG':
            return present.length === 0 ? null : present.reduce((sum, p) => sum + Number(p.value), 0) / present.length;
        case 'MIN':
        case 'MAX': {
            if (present.length === 0) return null;
            let best = present[0];
            for (const p of present) {
                const order = compare(p.value, best.value);
                if (fn === 'MIN' ? order < 0 : order > 0) best = p;
            }
            return best.raw;
        }
    }
}

function compare(a: Comparable, b: Comparable): number {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
}

function compileGroupOrder(orderBy: OrderByClause | OrderByClause[] | undefined, object: ObjectDef, groupPaths: ResolvedPath[], ctx: PlanContext): GroupOrder[] {
    if (!orderBy) return [];
    const clauses = Array.isArray(orderBy) ? orderBy : [orderBy];
    const searchFrom = Math.max(ctx.soql.toUpperCase().lastIndexOf('ORDER BY'), 0);
    return clauses.map((clause): GroupOrder => {
        const descending = clause.order === 'DESC';
        const nullsLast = clause.nulls === 'LAST';
        if ('fn' in clause && clause.fn) {
            const expr = compileAggregate(clause.fn.functionName ?? '', clause.fn.parameters ?? [], clause.fn.rawValue, object, ctx);
            const value = (group: Group) => aggregate(expr, group.rows, ctx.store);
            const comparable = (group: Group) => {
                const v = value(group);
                if (v === null || v === undefined) return null;
                return expr.fn === 'MIN' || expr.fn === 'MAX' ? normalizeStored(expr.path.field, v) : Number(v);
            };
            return { value, comparable, descending, nullsLast };
        }
        if (!('field' in clause) || typeof clause.field !== 'string') throw unsupportedFeature('This ORDER BY item', locateToken(ctx.soql, 'ORDER'));
        const path = resolveFieldPath(ctx.schema, object, clause.field, ctx.soql, searchFrom);
        const index = groupPaths.findIndex((g) => samePath(g, path));
        if (index < 0) throw malformedQuery(`Ordered field must be grouped or aggregated: ${path.field.name}`, locateToken(ctx.soql, path.rawPath, searchFrom));
        return {
            value: (group) => group.keys[index],
            comparable: (group) => normalizeStored(path.field, group.keys[index]),
            descending,
            nullsLast
        };
    });
}

function sortGroups(groups: Group[], orders: GroupOrder[]): Group[] {
    const keyed = groups.map((group) => ({ group, values: orders.map((o) => o.comparable(group)) }));
    keyed.sort((a, b) => {
        for (let i = 0; i < orders.length; i++) {
            const left = a.values[i];
            const right = b.values[i];
            if (left === null || right === null) {
                if (left === right) continue;
                // As for records: nulls first unless NULLS LAST, whatever the direction.
                const nullFirst = left === null ? -1 : 1;
                return orders[i].nullsLast ? -nullFirst : nullFirst;
            }
            const order = compare(left, right);
            if (order !== 0) return orders[i].descending ? -order : order;
        }
        return 0;
    });
    return keyed.map((k) => k.group);
}
