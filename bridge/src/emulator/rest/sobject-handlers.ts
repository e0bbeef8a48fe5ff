/**
 * `/sobjects` resources: describe, create (or publish, for platform events), retrieve, update, delete, and
 * the external-ID forms `/sobjects/{type}/{field}/{value}` for retrieve, upsert and delete.
 */
import type { ObjectDef } from '../contracts.ts';
import { EVENT_KEY_PREFIX } from '../schema/standard-events.ts';
import { caseSafeSuffix } from '../store/record-id.ts';
import { ok, type ApiDeps, type ApiHandler, type ApiRequest, type ApiResponse } from './api-types.ts';
import { describeObject, describeSummary } from './describe.ts';
import {
    createRecord,
    deleteRecord,
    externalIdField,
    objectFromUrl,
    recordId,
    requireRecordBody,
    toApiRecord,
    updateRecord,
    upsertRecord
} from './record-ops.ts';
import { SalesforceApiError, sfError } from './salesforce-error.ts';

/** REST publishing answers with the same placeholder ID for every event, as Salesforce does. */
const EVENT_ID = `${EVENT_KEY_PREFIX}xx0000000001` + caseSafeSuffix(`${EVENT_KEY_PREFIX}xx0000000001`);

const fieldsParam = (req: ApiRequest) => (req.query.fields ? req.query.fields.split(',').filter((f) => f.trim() !== '') : undefined);

export const describeGlobal: ApiHandler = (req, _params, deps) =>
    ok({ encoding: 'UTF-8', maxBatchSize: 200, sobjects: deps.schema.list().map((def) => describeSummary(def, req.version)) });

export const describeBasic: ApiHandler = (req, params, deps) => ok({ objectDescribe: describeSummary(objectFromUrl(deps, params.type), req.version), recentItems: [] });

export const describeFull: ApiHandler = (req, params, deps) => ok(describeObject(objectFromUrl(deps, params.type), req.version));

function publishEvent(req: ApiRequest, def: ObjectDef, deps: ApiDeps): ApiResponse {
    if (!def.createable) throw sfError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support create`);
    if (!deps.bus) throw sfError(503, 'SERVER_UNAVAILABLE', 'The event bus is not running');
    const { attributes: _attributes, ...payload } = requireRecordBody(req.body);
    const event = deps.bus.publishPlatformEvent(def.name, payload, req.context);
    // Publishing is asynchronous: the answer carries the EventUuid as an OPERATION_ENQUEUED "error".
    return ok({ id: EVENT_ID, success: true, errors: [{ statusCode: 'OPERATION_ENQUEUED', message: event.eventUuid ?? '', fields: [] }] }, 201);
}

export const createHandler: ApiHandler = (req, params, deps) => {
    const def = objectFromUrl(deps, params.type);
    if (def.isPlatformEvent) return publishEvent(req, def, deps);
    const record = createRecord(deps, req.context, def, requireRecordBody(req.body));
    return ok({ id: record.Id, success: true, errors: [] }, 201);
};

export const retrieveHandler: ApiHandler = (req, params, deps) => {
    const def = objectFromUrl(deps, params.type);
    const record = deps.store.get(params.id);
    if (!record || deps.schema.byKeyPrefix(record.Id.slice(0, 3))?.name !== def.name) {
        // A record ID that matches nothing is a missing resource; anything else Salesforce reads as an
        // external-ID field name (`/sobjects/Account/Ext__c` without a value).
        if (/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(params.id)) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
        throw sfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${params.id}`);
    }
    return ok(toApiRecord(def, record, req.version, fieldsParam(req)));
};

export const updateHandler: ApiHandler = (req, params, deps) => {
    updateRecord(deps, req.context, objectFromUrl(deps, params.type), params.id, requireRecordBody(req.body));
    return { status: 204 };
};

export const deleteHandler: ApiHandler = (req, params, deps) => {
    const def = objectFromUrl(deps, params.type);
    recordId(def, params.id);
    deleteRecord(deps, req.context, def, params.id);
    return { status: 204 };
};

/** Several matches: 300 with the list of matching record URLs (the documented body). */
const multipleChoices = (error: unknown): ApiResponse | undefined =>
    error instanceof SalesforceApiError && error.statusCode === 300 ? { status: 300, body: (error as SalesforceApiError & { choices: string[] }).choices } : undefined;

export const upsertHandler: ApiHandler = (req, params, deps) => {
    const def = objectFromUrl(deps, params.type);
    const field = externalIdField(def, params.field);
    try {
        const outcome = upsertRecord(deps, req.context, def, field, params.value, requireRecordBody(req.body), {
            updateOnly: req.query.updateOnly === 'true',
            version: req.version
        });
        return ok({ id: outcome.id, success: true, errors: [], created: outcome.created }, outcome.created ? 201 : 200);
    } catch (error) {
        const choices = multipleChoices(error);
        if (choices) return choices;
        throw error;
    }
};

function byExternalId(req: ApiRequest, params: Record<string, string>, deps: ApiDeps) {
    const def = objectFromUrl(deps, params.type);
    const field = externalIdField(def, params.field);
    const matches = deps.store.findBy(def.name, field.name, params.value);
    if (matches.length === 0) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (matches.length > 1) {
        throw Object.assign(sfError(300, 'MULTIPLE_CHOICES', 'Multiple records match'), {
            choices: matches.map((m) => `/services/data/v${req.version}/sobjects/${def.name}/${m.Id}`)
        });
    }
    return { def, record: matches[0] };
}

export const retrieveByExternalIdHandler: ApiHandler = (req, params, deps) => {
    try {
        const { def, record } = byExternalId(req, params, deps);
        return ok(toApiRecord(def, record, req.version, fieldsParam(req)));
    } catch (error) {
        const choices = multipleChoices(error);
        if (choices) return choices;
        throw error;
    }
};

export const deleteByExternalIdHandler: ApiHandler = (req, params, deps) => {
    try {
        const { def, record } = byExternalId(req, params, deps);
        deleteRecord(deps, req.context, def, record.Id);
        return { status: 204 };
    } catch (error) {
        const choices = multipleChoices(error);
        if (choices) return choices;
        throw error;
    }
};
