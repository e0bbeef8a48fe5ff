/**
 * Checks and normalises one field value the way the Salesforce API does: type, length, restricted picklist,
 * e-mail and ID format. Errors carry Salesforce's error codes and messages and name the field.
 */
import type { FieldDef } from '../contracts.ts';
import { SalesforceApiError } from '../rest/salesforce-error.ts';
import { to18 } from './record-id.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

const fieldError = (field: FieldDef, errorCode: string, message: string) => new SalesforceApiError(400, { errorCode, message, fields: [field.name] });

/** Salesforce's wording when a JSON value cannot be turned into the field's type. */
const typeError = (field: FieldDef, javaType: string, value: unknown) => {
    const token = typeof value === 'string' ? 'VALUE_STRING' : typeof value === 'number' ? 'VALUE_NUMBER_INT' : typeof value === 'boolean' ? 'VALUE_TRUE' : 'START_OBJECT';
    const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
    return new SalesforceApiError(400, {
        errorCode: 'JSON_PARSER_ERROR',
        message: `Cannot deserialize instance of ${javaType} from ${token} value ${shown} or request may be missing a required field`,
        fields: [field.name]
    });
};

let lastFormatted = { ms: Number.NaN, text: '' };

/**
 * Datetimes are stored the way the REST API returns them: `2026-01-31T12:00:00.000+0000`. The last answer is
 * kept, as every write of a transaction stamps the same few milliseconds.
 */
export function formatDatetime(ms: number): string {
    if (ms !== lastFormatted.ms) lastFormatted = { ms, text: new Date(ms).toISOString().replace('Z', '+0000') };
    return lastFormatted.text;
}

function asNumber(field: FieldDef, value: unknown, javaType: string): number {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (!Number.isFinite(n)) throw typeError(field, javaType, value);
    return n;
}

function asText(field: FieldDef, value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw typeError(field, 'String', value);
}

function checkLength(field: FieldDef, text: string): string {
    if (field.length !== undefined && text.length > field.length) {
        throw fieldError(field, 'STRING_TOO_LONG', `${field.label}: data value too large: ${text.slice(0, 100)} (max length=${field.length})`);
    }
    return text;
}

function asDate(field: FieldDef, value: unknown): string {
    const match = typeof value === 'string' ? DATE.exec(value) : null;
    if (!match) throw typeError(field, 'date', value);
    const day = `${match[1]}-${match[2]}-${match[3]}`;
    const parsed = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) throw typeError(field, 'date', value);
    return day;
}

/** UTC datetimes with milliseconds, as the REST API and `Date.toISOString` write them. */
const CANONICAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}(Z|\+0000)$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The stored form of a datetime already written in UTC with milliseconds, without a parse and format round trip
 * (most writes send such values). Undefined when the text is not in that form or its date does not exist, so the
 * full parse decides (Date.parse rolls 31 February over into March, and that must stay as it was).
 */
function canonicalDatetime(value: string): string | undefined {
    const match = CANONICAL_DATETIME.exec(value);
    if (!match) return undefined;
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month < 1 || month > 12 || day < 1) return undefined;
    const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) return undefined;
    return match[5] === 'Z' ? `${value.slice(0, -1)}+0000` : value;
}

function asDatetime(field: FieldDef, value: unknown): string {
    if (typeof value !== 'string' || !DATE.test(value)) throw typeError(field, 'datetime', value);
    const canonical = canonicalDatetime(value);
    if (canonical !== undefined) return canonical;
    // Salesforce writes offsets without a colon (+0000); Date.parse wants one.
    const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(ms)) throw typeError(field, 'datetime', value);
    return formatDatetime(ms);
}

function asPicklist(field: FieldDef, value: unknown): string {
    const text = checkLength(field, asText(field, value));
    if (field.restrictedPicklist && !(field.picklistValues ?? []).includes(text)) {
        throw fieldError(field, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${text}`);
    }
    return text;
}

function asMultiPicklist(field: FieldDef, value: unknown): string {
    const text = asText(field, value);
    if (field.restrictedPicklist) for (const part of text.split(';')) asPicklist(field, part);
    return checkLength(field, text);
}

function asReference(field: FieldDef, value: unknown): string {
    const id = typeof value === 'string' ? to18(value) : undefined;
    if (!id) throw fieldError(field, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value)}`);
    return id;
}

/**
 * The stored form of `value` for `field` (null clears the field). Reference existence is checked by the
 * transaction, which can see the other records.
 */
export function normaliseValue(field: FieldDef, value: unknown): unknown {
    if (value === null || value === undefined || value === '') {
        // A checkbox is never null: clearing it means false.
        return field.type === 'boolean' ? false : null;
    }
    switch (field.type) {
        case 'string':
        case 'textarea':
        case 'phone':
        case 'url':
            return checkLength(field, asText(field, value));
        case 'email': {
            const text = checkLength(field, asText(field, value));
            if (!EMAIL.test(text)) throw fieldError(field, 'INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`);
            return text;
        }
        case 'picklist':
            return asPicklist(field, value);
        case 'multipicklist':
            return asMultiPicklist(field, value);
        case 'boolean':
            if (typeof value === 'boolean') return value;
            if (value === 'true' || value === 'false') return value === 'true';
            throw typeError(field, 'boolean', value);
        case 'int': {
            const n = asNumber(field, value, 'int');
            if (!Number.isInteger(n)) throw typeError(field, 'int', value);
            return n;
        }
        case 'double':
        case 'currency':
        case 'percent':
            return asNumber(field, value, 'double');
        case 'date':
            return asDate(field, value);
        case 'datetime':
            return asDatetime(field, value);
        case 'reference':
        case 'id':
            return asReference(field, value);
        case 'address':
            throw fieldError(field, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}. Compound fields are set through their components.`);
    }
}
