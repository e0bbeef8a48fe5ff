/**
 * Checks a platform event payload against the event's ObjectDef the way the REST API checks an
 * sObject create: unknown field, read-only field, wrong JSON type, over-long text, missing required
 * field, value outside a restricted picklist. Each failure names the field.
 */
import type { FieldDef, ObjectDef } from '../contracts.ts';
import { SalesforceApiError, sfError } from '../rest/salesforce-error.ts';

/** Fields the platform fills on every event; a publisher may not set them. */
export const EVENT_SYSTEM_FIELDS = ['ReplayId', 'CreatedDate', 'CreatedById', 'EventUuid'];

const NUMERIC = new Set(['int', 'double', 'currency', 'percent']);
const TEXTUAL = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'url', 'email', 'phone', 'id', 'reference', 'date', 'datetime']);

function jsonKind(value: unknown): string {
    if (Array.isArray(value)) return 'START_ARRAY';
    if (typeof value === 'object') return 'START_OBJECT';
    if (typeof value === 'string') return 'VALUE_STRING';
    if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
}

function typeError(field: FieldDef, value: unknown, expected: string): SalesforceApiError {
    // The REST API answers a JSON type mismatch with JSON_PARSER_ERROR naming the token it met.
    return sfError(
        400,
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of ${expected} from ${jsonKind(value)} value ${JSON.stringify(value)} or request may be missing a required field`,
        [field.name]
    );
}

function checkValue(field: FieldDef, value: unknown): void {
    if (value === null) return;
    if (field.type === 'boolean') {
        if (typeof value !== 'boolean') throw typeError(field, value, 'boolean');
        return;
    }
    if (NUMERIC.has(field.type)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw typeError(field, value, field.type === 'int' ? 'int' : 'double');
        if (field.type === 'int' && !Number.isInteger(value)) throw typeError(field, value, 'int');
        return;
    }
    if (TEXTUAL.has(field.type) || field.type === 'address') {
        if (typeof value !== 'string') throw typeError(field, value, 'text');
        if (field.length !== undefined && value.length > field.length) {
            throw sfError(400, 'STRING_TOO_LONG', `${field.label}: data value too large: ${value.slice(0, 40)} (max length=${field.length})`, [field.name]);
        }
        if (field.type === 'picklist' && field.restrictedPicklist && !(field.picklistValues ?? []).includes(value)) {
            throw sfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, [field.name]);
        }
    }
}

/**
 * Validates `payload` for publishing `def` and returns the publisher-set fields, every defined
 * non-system field present (null when not given), as the event payload is delivered.
 */
export function validateEventPayload(def: ObjectDef, payload: unknown): Record<string, unknown> {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
        throw sfError(400, 'JSON_PARSER_ERROR', `The event payload for ${def.name} must be a JSON object`);
    }
    const given = payload as Record<string, unknown>;
    for (const name of Object.keys(given)) {
        const field = def.fields[name];
        if (!field) throw sfError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`, [name]);
        if (EVENT_SYSTEM_FIELDS.includes(name) || !field.createable) {
            throw sfError(
                400,
                'INVALID_FIELD_FOR_INSERT_UPDATE',
                `Unable to create/update fields: ${name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                [name]
            );
        }
        checkValue(field, given[name]);
    }
    const missing = Object.values(def.fields)
        .filter((f) => f.required && !EVENT_SYSTEM_FIELDS.includes(f.name) && (given[f.name] === undefined || given[f.name] === null))
        .map((f) => f.name);
    if (missing.length > 0) {
        throw sfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    }
    const result: Record<string, unknown> = {};
    for (const name of Object.keys(def.fields)) {
        if (EVENT_SYSTEM_FIELDS.includes(name)) continue;
        result[name] = given[name] ?? null;
    }
    return result;
}
