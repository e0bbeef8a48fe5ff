/**
 * Turns stored values and SOQL literals into comparable values of one kind per field type, so the
 * evaluator compares like with like: text lower-cased (SOQL text comparisons ignore case), IDs cut to
 * their case-sensitive 15-character form (so 15- and 18-character IDs match), dates and datetimes as
 * epoch milliseconds (so `SystemModstamp > 2026-11-01T00:00:00Z` compares instants, whatever offset
 * either side was written with).
 */
import type { FieldDef, FieldType } from '../contracts.ts';
import { dateLiteralRange, dateNLiteralRange, type DateRange } from './date-literal-range.ts';
import {
    filterValueOfWrongType,
    invalidIdInFilter,
    malformedQuery,
    unsupportedFeature,
    type SourcePosition
} from './soql-error.ts';

export type Comparable = string | number | boolean;

/** A literal on the right of a comparison, after checking it against the field's type. */
export type Operand =
    { kind: 'null' } | { kind: 'value'; value: Comparable } | { kind: 'range'; range: DateRange };

const TEXT_TYPES = new Set<FieldType>([
    'string',
    'textarea',
    'picklist',
    'multipicklist',
    'url',
    'email',
    'phone'
]);
const NUMBER_TYPES = new Set<FieldType>(['int', 'double', 'currency', 'percent']);
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export const isTextType = (type: FieldType) => TEXT_TYPES.has(type);
export const isIdType = (type: FieldType) => type === 'id' || type === 'reference';

/** `2026-11-01T10:00:00.000+0000` and friends → epoch ms; undefined when not an instant. */
export function parseInstant(value: string): number | undefined {
    const normalized = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(normalized);
    return Number.isNaN(ms) ? undefined : ms;
}

function parseDate(value: string): number | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

/** A stored value as a comparable, or null for "no value". */
export function normalizeStored(field: FieldDef, raw: unknown): Comparable | null {
    if (raw === null || raw === undefined) return null;
    const type = field.type;
    if (isIdType(type)) return typeof raw === 'string' && raw.length > 0 ? raw.slice(0, 15) : null;
    if (NUMBER_TYPES.has(type)) {
        const n = typeof raw === 'number' ? raw : Number(raw);
        return Number.isFinite(n) ? n : null;
    }
    if (type === 'boolean') return raw === true || raw === 'true';
    if (type === 'date') return typeof raw === 'string' ? (parseDate(raw) ?? null) : null;
    if (type === 'datetime') {
        if (typeof raw === 'number') return raw;
        if (raw instanceof Date) return raw.getTime();
        return typeof raw === 'string' ? (parseInstant(raw) ?? null) : null;
    }
    return typeof raw === 'string' ? raw.toLowerCase() : String(raw).toLowerCase();
}

/** Describe-style type name Salesforce uses in "must be of type X" errors. */
function soapTypeName(type: FieldType): string {
    if (type === 'datetime') return 'dateTime';
    if (TEXT_TYPES.has(type)) return 'string';
    return type;
}

const SIMPLE_ESCAPES: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    b: '\b',
    f: '\f',
    '"': '"',
    "'": "'",
    '\\': '\\'
};

/**
 * Content of a quoted SOQL string literal with its escapes resolved. With `forLike`, `\%` and `\_` are
 * kept as escapes for the LIKE matcher; elsewhere they mean the bare characters.
 */
export function unquoteSoqlString(rawLiteral: string, forLike = false, position?: SourcePosition): string {
    const content = rawLiteral.replace(/^'/, '').replace(/'$/, '');
    let out = '';
    for (let i = 0; i < content.length; i++) {
        const ch = content[i];
        if (ch !== '\\') {
            out += ch;
            continue;
        }
        const next = content[++i];
        if (next === '%' || next === '_') out += forLike ? `\\${next}` : next;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(content.slice(i + 1, i + 5))) {
            out += String.fromCharCode(parseInt(content.slice(i + 1, i + 5), 16));
            i += 4;
        } else if (next !== undefined && SIMPLE_ESCAPES[next.toLowerCase()] !== undefined) {
            out += SIMPLE_ESCAPES[next.toLowerCase()];
        } else
            throw malformedQuery(
                `Invalid string literal '${content}'. Illegal escape sequence '\\${next ?? ''}'`,
                position
            );
    }
    return out;
}

/** Regular expression for a LIKE pattern: `%` any run, `_` one character, both escapable, case-insensitive. */
export function likePattern(rawLiteral: string, position?: SourcePosition): RegExp {
    const content = unquoteSoqlString(rawLiteral, true, position);
    let source = '';
    for (let i = 0; i < content.length; i++) {
        const ch = content[i];
        if (ch === '\\' && (content[i + 1] === '%' || content[i + 1] === '_'))
            source += escapeRegExp(content[++i]);
        else if (ch === '%') source += '.*';
        else if (ch === '_') source += '.';
        else source += escapeRegExp(ch);
    }
    return new RegExp(`^${source}$`, 'is');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface LiteralContext {
    field: FieldDef;
    fieldLabel: string;
    now: number;
    position?: SourcePosition;
}

/** A parser literal (`'abc'`, `42`, `TRUE`, `2026-11-01`, `LAST_N_DAYS:3`, `NULL`) checked against the field. */
export function literalOperand(raw: string, literalType: string, ctx: LiteralContext): Operand {
    const { field, fieldLabel, position } = ctx;
    const type = field.type;
    const wrongType = () =>
        filterValueOfWrongType(
            fieldLabel,
            soapTypeName(type),
            TEXT_TYPES.has(type) || isIdType(type),
            position
        );
    if (literalType === 'NULL') return { kind: 'null' };
    if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
        if (type !== 'date' && type !== 'datetime') throw wrongType();
        const [name, n] = raw.split(':');
        const dateRange =
            n === undefined ? dateLiteralRange(name, ctx.now) : dateNLiteralRange(name, Number(n), ctx.now);
        if (!dateRange) throw unsupportedFeature(`The date literal ${raw}`, position);
        return { kind: 'range', range: dateRange };
    }
    if (TEXT_TYPES.has(type)) {
        if (literalType !== 'STRING') throw wrongType();
        return { kind: 'value', value: unquoteSoqlString(raw, false, position).toLowerCase() };
    }
    if (isIdType(type)) {
        if (literalType !== 'STRING') throw wrongType();
        const id = unquoteSoqlString(raw, false, position);
        if (!ID_PATTERN.test(id)) throw invalidIdInFilter(id, position);
        return { kind: 'value', value: id.slice(0, 15) };
    }
    if (NUMBER_TYPES.has(type)) {
        if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw wrongType();
        return { kind: 'value', value: Number(raw) };
    }
    if (type === 'boolean') {
        if (literalType !== 'BOOLEAN') throw wrongType();
        return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
    }
    if (type === 'date' || type === 'datetime') {
        const expected = type === 'date' ? 'DATE' : 'DATETIME';
        const ms =
            literalType === expected ? (type === 'date' ? parseDate(raw) : parseInstant(raw)) : undefined;
        if (ms === undefined) throw wrongType();
        return { kind: 'value', value: ms };
    }
    throw malformedQuery(`field '${fieldLabel}' can not be filtered in a query call`, position);
}
