/**
 * Record operations as the REST API applies them on top of the store: the API-level checks (object and field
 * createable/updateable, relationship fields given by external ID) before the store's own validation.
 */
import type { ChangeContext, FieldDef, ObjectDef, SObjectRecord } from '../contracts.ts';
import { resolveField } from '../schema/schema-registry.ts';
import { to18 } from '../store/record-id.ts';
import type { ApiDeps } from './api-types.ts';
import { sfError } from './salesforce-error.ts';

/** The object named in a URL: unknown names are 404 NOT_FOUND, as Salesforce answers for `/sobjects/Nope`. */
export function objectFromUrl(deps: ApiDeps, name: string): ObjectDef {
    const def = deps.schema.get(name);
    if (!def) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return def;
}

/** The object named in a request body (`attributes.type`): unknown names are INVALID_TYPE. */
export const objectFromBody = (deps: ApiDeps, name: unknown): ObjectDef => {
    if (typeof name !== 'string' || name === '') throw sfError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
    return deps.schema.require(name);
};

export function requireRecordBody(body: unknown): Record<string, unknown> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw sfError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of sObject from the request body: expected a JSON object');
    }
    return body as Record<string, unknown>;
}

const cannotWrite = (field: string) =>
    sfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field]);

/** A relationship given as `{"Parent__r": {"Ext_Id__c": "X"}}` resolves to the parent's ID through its external ID. */
function relationshipField(deps: ApiDeps, def: ObjectDef, key: string, value: unknown): [FieldDef, string] | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const lookup = Object.values(def.fields).find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === key.toLowerCase());
    if (!lookup) return undefined;
    const { attributes, ...criteria } = value as Record<string, unknown>;
    const entries = Object.entries(criteria);
    const parentName = (attributes as { type?: string } | undefined)?.type ?? lookup.referenceTo?.[0];
    if (entries.length !== 1 || !parentName) throw sfError(400, 'INVALID_FIELD', `${key}: a relationship must name exactly one external ID field`, [key]);
    const [extField, extValue] = entries[0];
    const parent = deps.schema.require(parentName);
    const extDef = resolveField(parent, extField);
    if (!extDef || (!extDef.externalId && extDef.name !== 'Id')) throw sfError(400, 'INVALID_FIELD', `Field ${extField} is not an external ID field on ${parent.name}`, [key]);
    const matches = deps.store.findBy(parent.name, extDef.name, extValue);
    if (matches.length === 0) throw sfError(400, 'INVALID_FIELD', `Foreign key external ID: ${String(extValue)} not found for field ${extDef.name} in entity ${parent.name}`, [key]);
    if (matches.length > 1) throw sfError(400, 'INVALID_FIELD', `Foreign key external ID: ${String(extValue)} matches several ${parent.name} records`, [key]);
    return [lookup, matches[0].Id];
}

/** The fields of a write, checked for the API: known, writable for this operation, relationships resolved. */
export function apiFields(deps: ApiDeps, def: ObjectDef, body: Record<string, unknown>, operation: 'create' | 'update'): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
        if (key === 'attributes') continue;
        if (key.toLowerCase() === 'id') {
            if (operation === 'create') throw cannotWrite('Id');
            continue;
        }
        const relationship = relationshipField(deps, def, key, value);
        const field = relationship?.[0] ?? resolveField(def, key);
        if (!field) throw sfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, [key]);
        if (operation === 'create' ? !field.createable : !field.updateable) throw cannotWrite(field.name);
        result[field.name] = relationship ? relationship[1] : value;
    }
    return result;
}

export function createRecord(deps: ApiDeps, context: ChangeContext, def: ObjectDef, body: Record<string, unknown>): SObjectRecord {
    if (!def.createable || def.isPlatformEvent) throw sfError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support create`);
    const fields = apiFields(deps, def, body, 'create');
    return deps.store.transaction(context, (tx) => tx.insert(def.name, fields));
}

export function updateRecord(deps: ApiDeps, context: ChangeContext, def: ObjectDef, id: string, body: Record<string, unknown>): SObjectRecord {
    if (!def.updateable) throw sfError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support update`);
    const fields = apiFields(deps, def, body, 'update');
    return deps.store.transaction(context, (tx) => tx.update(def.name, recordId(def, id), fields));
}

export function deleteRecord(deps: ApiDeps, context: ChangeContext, def: ObjectDef, id: string): void {
    if (!def.deletable) throw sfError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support delete`);
    deps.store.transaction(context, (tx) => tx.delete(def.name, recordId(def, id)));
}

/** An ID from a URL or body: malformed → MALFORMED_ID; another object's ID → NOT_FOUND. */
export function recordId(def: ObjectDef, raw: string): string {
    const id = to18(raw);
    if (!id) throw sfError(400, 'MALFORMED_ID', `${def.name} ID: id value of incorrect type: ${raw}`, ['Id']);
    return id;
}

export interface UpsertOutcome {
    id: string;
    created: boolean;
}

/** Upsert by external ID: several matches fail with the 300 answer, `updateOnly` refuses to create. */
export function upsertRecord(
    deps: ApiDeps,
    context: ChangeContext,
    def: ObjectDef,
    extField: FieldDef,
    value: unknown,
    body: Record<string, unknown>,
    options: { updateOnly?: boolean; version: string }
): UpsertOutcome {
    const matches = value === null || value === undefined || value === '' ? [] : deps.store.findBy(def.name, extField.name, value);
    if (matches.length > 1) {
        const urls = matches.map((m) => `/services/data/v${options.version}/sobjects/${def.name}/${m.Id}`);
        throw Object.assign(sfError(300, 'MULTIPLE_CHOICES', `Multiple ${def.name} records match ${extField.name} = ${String(value)}`), { choices: urls });
    }
    const { [extField.name]: _ignored, ...rest } = body;
    if (matches.length === 1) return { id: updateRecord(deps, context, def, matches[0].Id, rest).Id, created: false };
    if (options.updateOnly) throw sfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${String(value)}`);
    if (extField.name === 'Id') throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return { id: createRecord(deps, context, def, { ...rest, [extField.name]: value }).Id, created: true };
}

/** The external-ID field named in an upsert URL; 404 NOT_FOUND when unknown or not an external ID. */
export function externalIdField(def: ObjectDef, name: string): FieldDef {
    const field = resolveField(def, name);
    if (!field || (!field.externalId && field.name !== 'Id')) {
        throw sfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
    }
    return field;
}

/** A record as the REST API returns it: `attributes` first, then the requested (or all) fields. */
export function toApiRecord(def: ObjectDef, record: SObjectRecord, version: string, fields?: string[]): Record<string, unknown> {
    const result: Record<string, unknown> = { attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${record.Id}` } };
    const names = fields ?? Object.values(def.fields).filter((f) => f.type !== 'address').map((f) => f.name);
    for (const name of names) {
        const field = resolveField(def, name.trim());
        if (!field) throw sfError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
        result[field.name] = record[field.name] ?? null;
    }
    return result;
}
