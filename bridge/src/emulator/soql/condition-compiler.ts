/**
 * Compiles a WHERE tree into a predicate over stored records. Every field and literal is checked
 * against the schema once, at compile time, so evaluation per record is only lookups and compares.
 * SOQL treats null as a value: `Field != 'x'` and `Field NOT IN (...)` match records where the field
 * is null, while ordering comparisons never match null.
 */
import type { ConditionWithValueQuery, Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef, RecordStoreApi, SchemaRegistryApi, SObjectRecord } from '../contracts.ts';
import { readPath, resolveFieldPath, type ResolvedPath } from './field-path.ts';
import {
    isIdType,
    isTextType,
    likePattern,
    literalOperand,
    normalizeStored,
    type Comparable,
    type Operand
} from './filter-value.ts';
import { locateToken, malformedQuery, unsupportedFeature, type SourcePosition } from './soql-error.ts';
import type { WhereNode } from './where-tree.ts';

export type RecordPredicate = (record: SObjectRecord) => boolean;

export interface ConditionContext {
    schema: SchemaRegistryApi;
    store: RecordStoreApi;
    soql: string;
    now: number;
    root: ObjectDef;
    /** IDs selected by a semi-join subquery (`Id IN (SELECT OrderSummaryId FROM FulfillmentOrder)`), 15-char form. */
    semiJoin: (subquery: Query, position?: SourcePosition) => Set<string>;
    /** Where the WHERE clause starts in the statement, so error carets point into it. */
    searchFrom: number;
}

export function compileWhere(node: WhereNode, ctx: ConditionContext): RecordPredicate {
    switch (node.kind) {
        case 'and': {
            const parts = node.children.map((child) => compileWhere(child, ctx));
            return (record) => parts.every((part) => part(record));
        }
        case 'or': {
            const parts = node.children.map((child) => compileWhere(child, ctx));
            return (record) => parts.some((part) => part(record));
        }
        case 'not': {
            const inner = compileWhere(node.child, ctx);
            return (record) => !inner(record);
        }
        case 'condition':
            return compileCondition(node.condition, ctx);
    }
}

function compileCondition(condition: ConditionWithValueQuery, ctx: ConditionContext): RecordPredicate {
    if (!('field' in condition)) {
        throw unsupportedFeature('A function in a WHERE condition', locateToken(ctx.soql, 'WHERE'));
    }
    const position = locateToken(ctx.soql, condition.field, ctx.searchFrom);
    const path = resolveFieldPath(ctx.schema, ctx.root, condition.field, ctx.soql, ctx.searchFrom);
    const valueOf = (record: SObjectRecord) => normalizeStored(path.field, readPath(ctx.store, record, path));
    const operator = condition.operator;

    if ('valueQuery' in condition && condition.valueQuery) {
        return compileSemiJoin(condition.valueQuery, operator, path, valueOf, ctx, position);
    }
    const raw = (condition as { value: string | string[] }).value;
    const literalTypes = (condition as { literalType?: string | string[] }).literalType;
    const operandOf = (value: string, index: number): Operand =>
        literalOperand(
            value,
            (Array.isArray(literalTypes) ? literalTypes[index] : literalTypes) ?? 'STRING',
            {
                field: path.field,
                fieldLabel: path.rawPath,
                now: ctx.now,
                position
            }
        );

    if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
        throw unsupportedFeature(`The ${operator} operator`, position);
    }
    if (operator === 'IN' || operator === 'NOT IN') {
        const operands = (Array.isArray(raw) ? raw : [raw]).map(operandOf);
        const negate = operator === 'NOT IN';
        const textSet = textOperandSet(operands);
        if (textSet) {
            // Text and ID fields normalise to strings, where `=` is plain identity: a set lookup replaces
            // comparing against each of up to thousands of literals (`Id IN (...200 IDs)`) per record.
            return (record) => {
                const value = valueOf(record);
                return (value === null ? textSet.hasNull : textSet.values.has(value as string)) !== negate;
            };
        }
        return (record) => operands.some((operand) => matches(valueOf(record), '=', operand)) !== negate;
    }
    if (Array.isArray(raw)) throw malformedQuery(`unexpected token: '('`, position);
    if (operator === 'LIKE') {
        if (!isTextType(path.field.type) && !isIdType(path.field.type)) {
            throw malformedQuery(
                `invalid operator on ${path.field.type} field: LIKE ('${path.rawPath}')`,
                position
            );
        }
        if (literalTypes !== 'STRING')
            throw malformedQuery(`LIKE needs a quoted string pattern for '${path.rawPath}'`, position);
        const pattern = likePattern(raw, position);
        return (record) => {
            const value = readPath(ctx.store, record, path);
            return typeof value === 'string' && pattern.test(value);
        };
    }
    const operand = operandOf(raw, 0);
    return (record) => matches(valueOf(record), operator, operand);
}

/** The operands of an IN list as a set when every one is a string or NULL; undefined otherwise. */
function textOperandSet(operands: Operand[]): { values: Set<string>; hasNull: boolean } | undefined {
    const values = new Set<string>();
    let hasNull = false;
    for (const operand of operands) {
        if (operand.kind === 'null') hasNull = true;
        else if (operand.kind === 'value' && typeof operand.value === 'string') values.add(operand.value);
        else return undefined;
    }
    return { values, hasNull };
}

function compileSemiJoin(
    subquery: Query,
    operator: string,
    path: ResolvedPath,
    valueOf: (record: SObjectRecord) => Comparable | null,
    ctx: ConditionContext,
    position?: SourcePosition
): RecordPredicate {
    if (operator !== 'IN' && operator !== 'NOT IN') {
        throw malformedQuery(`a subquery can only follow IN or NOT IN (field '${path.rawPath}')`, position);
    }
    if (!isIdType(path.field.type)) {
        throw malformedQuery(
            `semi join sub-selects are only supported on ID and reference fields ('${path.rawPath}')`,
            position
        );
    }
    const ids = ctx.semiJoin(subquery, position);
    const negate = operator === 'NOT IN';
    return (record) => {
        const value = valueOf(record);
        if (value === null) return negate;
        return ids.has(value as string) !== negate;
    };
}

function compare(a: Comparable, b: Comparable): number {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
}

export function matches(value: Comparable | null, operator: string, operand: Operand): boolean {
    if (operand.kind === 'null') {
        if (operator === '=') return value === null;
        if (operator === '!=') return value !== null;
        return false;
    }
    if (value === null) return operator === '!=';
    if (operand.kind === 'range') {
        const instant = value as number;
        const { start, end } = operand.range;
        switch (operator) {
            case '=':
                return instant >= start && instant < end;
            case '!=':
                return instant < start || instant >= end;
            case '<':
                return instant < start;
            case '<=':
                return instant < end;
            case '>':
                return instant >= end;
            case '>=':
                return instant >= start;
            default:
                return false;
        }
    }
    const order = compare(value, operand.value);
    switch (operator) {
        case '=':
            return order === 0;
        case '!=':
            return order !== 0;
        case '<':
            return order < 0;
        case '<=':
            return order <= 0;
        case '>':
            return order > 0;
        case '>=':
            return order >= 0;
        default:
            return false;
    }
}
