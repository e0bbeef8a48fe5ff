/**
 * Compiles a parsed SOQL statement into a plan: the queried object, what to select (fields, parent
 * paths, child subqueries), a record predicate, a comparator and the row window. Everything the
 * statement names is checked against the schema here, before any record is read.
 */
import type { FieldType as SelectField, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, RecordStoreApi, SchemaRegistryApi, SObjectRecord } from '../contracts.ts';
import { compileWhere, type RecordPredicate } from './condition-compiler.ts';
import { isIdType, normalizeStored } from './filter-value.ts';
import { readPath, resolveFieldPath, type ResolvedPath } from './field-path.ts';
import { indexProbeOf, probeCandidates, type IndexProbe } from './index-probe.ts';
import { compileOrderBy, type RecordComparator } from './order-by.ts';
import {
    locateToken,
    malformedQuery,
    offsetOutOfRange,
    unknownChildRelationship,
    unsupportedFeature,
    unsupportedSObject,
    type SourcePosition
} from './soql-error.ts';
import { rejectUnsupportedClauses } from './soql-parser.ts';
import { buildWhereTree } from './where-tree.ts';

/** Documented maximum OFFSET. */
export const MAX_OFFSET = 2000;
/** Documented: FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of at most 200. */
export const MAX_FIELDS_ALL_LIMIT = 200;

export type SelectItem = { kind: 'field'; path: ResolvedPath } | { kind: 'child'; child: ChildPlan };

/** Shared by top-level queries and child subqueries. */
export interface RowSelection {
    object: ObjectDef;
    items: SelectItem[];
    predicate?: RecordPredicate;
    /** Index that finds every record the predicate can match; absent when only a scan will do. */
    probe?: IndexProbe;
    comparator?: RecordComparator;
    limit?: number;
    offset?: number;
}

/** A child subquery such as `(SELECT Id FROM FulfillmentOrderLineItems)`. */
export interface ChildPlan extends RowSelection {
    /** Relationship name as the schema spells it; the key of the nested result. */
    relationshipName: string;
    /** Lookup field on the child pointing at the parent. */
    lookupField: string;
}

export interface QueryPlan extends RowSelection {
    /** `SELECT COUNT() FROM ...`: only totalSize is returned. */
    countOnly: boolean;
}

export interface PlanContext {
    schema: SchemaRegistryApi;
    store: RecordStoreApi;
    soql: string;
    now: number;
}

export function compileQuery(query: Query, ctx: PlanContext): QueryPlan {
    const object = requireQueryable(query.sObject ?? '', ctx);
    const countOnly = isCountOnly(query.fields ?? [], ctx.soql);
    if (query.offset !== undefined && query.offset > MAX_OFFSET) throw offsetOutOfRange(object.name);
    const items = countOnly ? [] : compileSelectList(query.fields ?? [], object, query.limit, ctx, true);
    return { ...compileRows(query, object, ctx), items, countOnly };
}

function requireQueryable(objectName: string, ctx: PlanContext): ObjectDef {
    const object = ctx.schema.get(objectName);
    if (!object || object.queryable === false) {
        const fromIndex = ctx.soql.toUpperCase().indexOf('FROM');
        throw unsupportedSObject(objectName, locateToken(ctx.soql, objectName, Math.max(fromIndex, 0)));
    }
    return object;
}

function isCountOnly(fields: SelectField[], soql: string): boolean {
    const count = fields.find(
        (f) =>
            f.type === 'FieldFunctionExpression' &&
            f.functionName?.toUpperCase() === 'COUNT' &&
            f.parameters.length === 0
    );
    if (!count) return false;
    if (fields.length > 1)
        throw malformedQuery(
            'COUNT() must be the only element in the SELECT list',
            locateToken(soql, 'COUNT')
        );
    return true;
}

/** The queried object and the WHERE filter alone: aggregate queries order and window groups, not rows. */
export function compileRowFilter(query: Query, ctx: PlanContext): Omit<RowSelection, 'items'> {
    const object = requireQueryable(query.sObject ?? '', ctx);
    if (query.offset !== undefined && query.offset > MAX_OFFSET) throw offsetOutOfRange(object.name);
    const { predicate, probe } = compileRows({ ...query, orderBy: undefined }, object, ctx);
    return { object, predicate, probe };
}

function compileRows(query: Query | Subquery, object: ObjectDef, ctx: PlanContext) {
    const where = query.where ? buildWhereTree(query.where, ctx.soql) : undefined;
    const predicate = where
        ? compileWhere(where, {
              ...ctx,
              root: object,
              semiJoin: (subquery, position) => semiJoinIds(subquery, ctx, position),
              searchFrom: Math.max(ctx.soql.toUpperCase().indexOf('WHERE'), 0)
          })
        : undefined;
    // Only after compileWhere has checked every literal, so the probe never meets an invalid one.
    const probe = where ? indexProbeOf(where, object, ctx.now) : undefined;
    const comparator = compileOrderBy(query.orderBy, ctx.schema, ctx.store, object, ctx.soql);
    return { object, predicate, probe, comparator, limit: query.limit, offset: query.offset };
}

function compileSelectList(
    fields: SelectField[],
    object: ObjectDef,
    limit: number | undefined,
    ctx: PlanContext,
    allowChildren: boolean
): SelectItem[] {
    const items: SelectItem[] = [];
    const seen = new Set<string>();
    const addPath = (rawPath: string) => {
        const key = rawPath.toLowerCase();
        if (seen.has(key))
            throw malformedQuery(`duplicate field selected: ${rawPath}`, locateToken(ctx.soql, rawPath));
        seen.add(key);
        items.push({ kind: 'field', path: resolveFieldPath(ctx.schema, object, rawPath, ctx.soql) });
    };
    for (const field of fields) {
        switch (field.type) {
            case 'Field':
                addPath(field.field);
                break;
            case 'FieldRelationship':
                addPath([...field.relationships, field.field].join('.'));
                break;
            case 'FieldSubquery':
                if (!allowChildren) throw unsupportedFeature('A subquery nested in a subquery');
                items.push({ kind: 'child', child: compileChild(field.subquery, object, limit, ctx) });
                break;
            case 'FieldFunctionExpression':
                for (const name of expandFieldsFunction(
                    field.functionName,
                    field.parameters,
                    object,
                    limit,
                    ctx
                )) {
                    if (!seen.has(name.toLowerCase())) addPath(name);
                }
                break;
            default:
                throw unsupportedFeature('TYPEOF', locateToken(ctx.soql, 'TYPEOF'));
        }
    }
    return items;
}

/** FIELDS(ALL | STANDARD | CUSTOM), expanded to the object's field names. */
function expandFieldsFunction(
    functionName: string,
    parameters: unknown[],
    object: ObjectDef,
    limit: number | undefined,
    ctx: PlanContext
): string[] {
    const position = locateToken(ctx.soql, functionName);
    if (functionName.toUpperCase() !== 'FIELDS')
        throw unsupportedFeature(`The function ${functionName}()`, position);
    const scope = String(parameters[0] ?? '').toUpperCase();
    if (scope !== 'ALL' && scope !== 'STANDARD' && scope !== 'CUSTOM') {
        throw malformedQuery(
            `FIELDS() takes ALL, STANDARD or CUSTOM, not '${String(parameters[0])}'`,
            position
        );
    }
    if (scope !== 'STANDARD' && (limit === undefined || limit > MAX_FIELDS_ALL_LIMIT)) {
        throw malformedQuery(
            `The SOQL FIELDS function must have a LIMIT of at most ${MAX_FIELDS_ALL_LIMIT}`,
            position
        );
    }
    return Object.values(object.fields)
        .filter(
            (f) => f.type !== 'address' && (scope === 'ALL' || (scope === 'CUSTOM') === Boolean(f.custom))
        )
        .map((f) => f.name);
}

function compileChild(
    subquery: Subquery,
    parent: ObjectDef,
    parentLimit: number | undefined,
    ctx: PlanContext
): ChildPlan {
    rejectUnsupportedClauses(ctx.soql, subquery);
    const fromIndex = ctx.soql.toUpperCase().indexOf('FROM');
    const position = locateToken(ctx.soql, subquery.relationshipName, Math.max(fromIndex, 0));
    const relationship = parent.childRelationships.find(
        (r) => r.relationshipName.toLowerCase() === subquery.relationshipName.toLowerCase()
    );
    const child = relationship ? ctx.schema.get(relationship.childSObject) : undefined;
    if (!relationship || !child) throw unknownChildRelationship(subquery.relationshipName, position);
    if (subquery.offset !== undefined && parentLimit !== 1) {
        // Documented: OFFSET is allowed in a subquery only when the outer query has LIMIT 1.
        throw malformedQuery(
            'OFFSET in a subquery is only allowed when the outer query has LIMIT 1',
            locateToken(ctx.soql, 'OFFSET')
        );
    }
    const fields = subquery.fields ?? [];
    return {
        ...compileRows(subquery, child, ctx),
        items: compileSelectList(fields, child, subquery.limit, ctx, false),
        relationshipName: relationship.relationshipName,
        lookupField: relationship.field
    };
}

/** Evaluates `(SELECT SomeId FROM X WHERE ...)` of a semi-join into the 15-character IDs it selects. */
function semiJoinIds(subquery: Query, ctx: PlanContext, position?: SourcePosition): Set<string> {
    rejectUnsupportedClauses(ctx.soql, subquery);
    const object = requireQueryable(subquery.sObject ?? '', ctx);
    const fields = subquery.fields ?? [];
    const only = fields[0];
    if (fields.length !== 1 || (only.type !== 'Field' && only.type !== 'FieldRelationship')) {
        throw malformedQuery(
            'a semi join sub-select must select exactly one ID or reference field',
            position
        );
    }
    if (subquery.offset !== undefined)
        throw malformedQuery('OFFSET is not allowed in a WHERE subquery', position);
    const rawPath = only.type === 'Field' ? only.field : [...only.relationships, only.field].join('.');
    const path = resolveFieldPath(ctx.schema, object, rawPath, ctx.soql);
    if (!isIdType(path.field.type)) {
        throw malformedQuery(
            `a semi join sub-select can only select an ID or reference field, not '${rawPath}'`,
            position
        );
    }
    const rows = selectRows({ ...compileRows(subquery, object, ctx), items: [] }, ctx.store, false);
    const ids = new Set<string>();
    for (const row of rows) {
        const value = normalizeStored(path.field, readPath(ctx.store, row, path));
        if (typeof value === 'string') ids.add(value);
    }
    return ids;
}

/** Filters, sorts and windows the records a selection applies to. */
export function selectRows(
    selection: RowSelection,
    store: RecordStoreApi,
    includeDeleted: boolean,
    source?: SObjectRecord[]
): SObjectRecord[] {
    const records =
        source ??
        (selection.probe && probeCandidates(selection.probe, selection.object.name, store, includeDeleted)) ??
        store.all(selection.object.name, { includeDeleted });
    const rows = selection.predicate ? records.filter(selection.predicate) : records.slice();
    if (selection.comparator) rows.sort(selection.comparator);
    const start = selection.offset ?? 0;
    const end = selection.limit === undefined ? undefined : start + selection.limit;
    return start > 0 || end !== undefined ? rows.slice(start, end) : rows;
}
