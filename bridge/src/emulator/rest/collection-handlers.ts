/**
 * sObject Collections (`/composite/sobjects`): create, update, upsert, delete and retrieve up to 200 records in
 * one call, with per-record results in input order. With `allOrNone` one failure rolls back every record; the
 * valid ones then report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
import type { ChangeContext } from '../contracts.ts';
import { ok, type ApiDeps, type ApiHandler, type ApiRequest } from './api-types.ts';
import { createRecord, deleteRecord, externalIdField, objectFromBody, objectFromUrl, recordId, toApiRecord, updateRecord, upsertRecord } from './record-ops.ts';
import { SalesforceApiError, sfError } from './salesforce-error.ts';

export const COLLECTION_LIMIT = 200;

interface ItemResult {
    id?: string | null;
    success: boolean;
    errors: { statusCode: string; message: string; fields: string[] }[];
    created?: boolean;
}

const ROLLED_BACK = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: []
};

/** Thrown inside the all-or-none transaction to undo it once every record has been tried. */
class RollBack extends Error {}

function failure(error: unknown, id?: string | null): ItemResult {
    if (!(error instanceof SalesforceApiError)) throw error;
    if (error.statusCode === 300) {
        return { id: id ?? null, success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: error.message.replace(/^MULTIPLE_CHOICES: /, ''), fields: [] }] };
    }
    return { id: id ?? null, success: false, errors: error.errors.map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields ?? [] })) };
}

/**
 * Runs `each` per item inside one transaction (one commit, as Salesforce makes one DML call); each item has its
 * own savepoint, so a failed item leaves nothing behind, and all-or-none undoes the whole call on any failure.
 */
function runAll<T>(deps: ApiDeps, context: ChangeContext, items: T[], allOrNone: boolean, each: (item: T) => ItemResult): ItemResult[] {
    const results: ItemResult[] = [];
    try {
        deps.store.transaction(context, () => {
            for (const item of items) {
                try {
                    results.push(deps.store.transaction(context, () => each(item)));
                } catch (error) {
                    results.push(failure(error, typeof item === 'string' ? item : null));
                }
            }
            if (allOrNone && results.some((r) => !r.success)) throw new RollBack();
        });
    } catch (error) {
        if (!(error instanceof RollBack)) throw error;
        return results.map((r) => (r.success ? { id: null, success: false, errors: [ROLLED_BACK] } : r));
    }
    return results;
}

function recordsOf(body: unknown): { allOrNone: boolean; records: Record<string, unknown>[] } {
    const input = (body ?? {}) as { allOrNone?: unknown; records?: unknown };
    if (!Array.isArray(input.records)) throw sfError(400, 'INVALID_FIELD', "The request body must have a 'records' array");
    checkLimit(input.records.length);
    return { allOrNone: input.allOrNone === true, records: input.records as Record<string, unknown>[] };
}

function checkLimit(count: number): void {
    if (count > COLLECTION_LIMIT) throw sfError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`);
}

const typeOf = (record: Record<string, unknown>) => (record.attributes as { type?: unknown } | undefined)?.type;

export const collectionCreate: ApiHandler = (req, _params, deps) => {
    const { allOrNone, records } = recordsOf(req.body);
    return ok(
        runAll(deps, req.context, records, allOrNone, (record) => {
            const def = objectFromBody(deps, typeOf(record));
            return { id: createRecord(deps, req.context, def, record).Id, success: true, errors: [] };
        })
    );
};

export const collectionUpdate: ApiHandler = (req, _params, deps) => {
    const { allOrNone, records } = recordsOf(req.body);
    return ok(
        runAll(deps, req.context, records, allOrNone, (record) => {
            const def = objectFromBody(deps, typeOf(record));
            const id = record.Id ?? record.id;
            if (typeof id !== 'string') throw sfError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
            return { id: updateRecord(deps, req.context, def, id, record).Id, success: true, errors: [] };
        })
    );
};

export const collectionUpsert: ApiHandler = (req, params, deps) => {
    const def = objectFromUrl(deps, params.type);
    const field = externalIdField(def, params.field);
    const { allOrNone, records } = recordsOf(req.body);
    return ok(
        runAll(deps, req.context, records, allOrNone, (record) => {
            const given = typeOf(record);
            if (given !== undefined && objectFromBody(deps, given).name !== def.name) throw sfError(400, 'INVALID_TYPE', `Record of type ${String(given)} cannot be upserted into ${def.name}`);
            const value = Object.entries(record).find(([k]) => k.toLowerCase() === field.name.toLowerCase())?.[1];
            if (value === undefined || value === null || value === '') throw sfError(400, 'MISSING_ARGUMENT', `${field.name} not specified`, [field.name]);
            const outcome = upsertRecord(deps, req.context, def, field, value, record, { version: req.version });
            return { id: outcome.id, success: true, errors: [], created: outcome.created };
        })
    );
};

const idsParam = (req: ApiRequest) => (req.query.ids ?? '').split(',').filter((id) => id !== '');

export const collectionDelete: ApiHandler = (req, _params, deps) => {
    const ids = idsParam(req);
    checkLimit(ids.length);
    return ok(
        runAll(deps, req.context, ids, req.query.allOrNone === 'true', (id) => {
            const record = deps.store.getIncludingDeleted(id);
            const def = record ? deps.schema.byKeyPrefix(record.Id.slice(0, 3)) : undefined;
            if (!record || !def) throw sfError(404, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
            recordId(def, id);
            deleteRecord(deps, req.context, def, record.Id);
            return { id: record.Id, success: true, errors: [] };
        })
    );
};

export const collectionRetrieve: ApiHandler = (req, params, deps) => {
    const def = objectFromUrl(deps, params.type);
    const body = (req.body ?? {}) as { ids?: unknown; fields?: unknown };
    const ids = Array.isArray(body.ids) ? body.ids.map(String) : idsParam(req);
    const fields = Array.isArray(body.fields) ? body.fields.map(String) : (req.query.fields ?? '').split(',').filter((f) => f !== '');
    if (fields.length === 0) throw sfError(400, 'MISSING_ARGUMENT', 'fields: the list of fields to retrieve is required', ['fields']);
    checkLimit(ids.length);
    return ok(
        ids.map((id) => {
            const record = deps.store.get(id);
            return record && deps.schema.byKeyPrefix(record.Id.slice(0, 3))?.name === def.name ? toApiRecord(def, record, req.version, fields) : null;
        })
    );
};
