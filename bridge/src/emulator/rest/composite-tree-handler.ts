/**
 * `POST /composite/tree/{type}` (documented "sObject Tree"): creates record trees whose roots are of the
 * named type, children nested under their parent's child-relationship name (`"Contacts": {"records": [...]}`)
 * and linked to it automatically. Records are created in the order listed, all in one transaction: the first
 * failure creates nothing and answers 400 with only that record's reference ID and errors. Documented limits:
 * 200 records across all trees, five record types, five levels. One API call, whatever the size.
 */
import type { ObjectDef } from '../contracts.ts';
import type { ApiDeps, ApiHandler } from './api-types.ts';
import { createRecord, objectFromUrl } from './record-ops.ts';
import { SalesforceApiError, sfError } from './salesforce-error.ts';

export const TREE_RECORD_LIMIT = 200;
export const TREE_TYPE_LIMIT = 5;
export const TREE_DEPTH_LIMIT = 5;

interface TreeRecord {
    referenceId: string;
    def: ObjectDef;
    fields: Record<string, unknown>;
    /** Lookup field on this record that points at its parent, with the parent's position in `ordered`. */
    parent?: { field: string; index: number };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Flattens the trees depth-first (a parent before its children, in the order listed) and checks the limits. */
function flatten(deps: ApiDeps, root: ObjectDef, body: unknown): TreeRecord[] {
    if (!isObject(body) || !Array.isArray(body.records)) throw sfError(400, 'INVALID_API_INPUT', "The request body must have a 'records' array");
    const ordered: TreeRecord[] = [];
    const references = new Set<string>();
    const visit = (records: unknown[], def: ObjectDef, depth: number, parent?: { field: string; index: number }) => {
        if (depth > TREE_DEPTH_LIMIT) throw sfError(400, 'INVALID_API_INPUT', `sObject trees can be at most ${TREE_DEPTH_LIMIT} levels deep`);
        for (const raw of records) {
            if (!isObject(raw) || !isObject(raw.attributes)) throw sfError(400, 'INVALID_API_INPUT', 'Every record needs attributes with type and referenceId');
            const { type, referenceId } = raw.attributes;
            if (typeof referenceId !== 'string' || referenceId === '') throw sfError(400, 'INVALID_API_INPUT', 'Every record needs attributes.referenceId');
            if (references.has(referenceId)) throw sfError(400, 'INVALID_API_INPUT', `Duplicate ReferenceId provided in the request: ${referenceId}`);
            references.add(referenceId);
            if (typeof type !== 'string' || type.toLowerCase() !== def.name.toLowerCase()) {
                throw sfError(400, 'INVALID_API_INPUT', `Record ${referenceId} must be of type ${def.name}, not ${String(type)}`);
            }
            const fields: Json = {};
            const children: [ObjectDef, string, unknown[]][] = [];
            for (const [key, value] of Object.entries(raw)) {
                if (key === 'attributes') continue;
                const relationship = def.childRelationships.find((r) => r.relationshipName.toLowerCase() === key.toLowerCase());
                if (relationship && isObject(value) && Array.isArray(value.records)) {
                    const childDef = deps.schema.get(relationship.childSObject);
                    if (childDef) children.push([childDef, relationship.field, value.records]);
                    continue;
                }
                fields[key] = value;
            }
            const index = ordered.length;
            ordered.push({ referenceId, def, fields, parent });
            if (ordered.length > TREE_RECORD_LIMIT) throw sfError(400, 'INVALID_API_INPUT', `A request can create at most ${TREE_RECORD_LIMIT} records across all trees`);
            for (const [childDef, field, childRecords] of children) visit(childRecords, childDef, depth + 1, { field, index });
        }
    };
    visit(body.records, root, 1);
    if (new Set(ordered.map((r) => r.def.name)).size > TREE_TYPE_LIMIT) {
        throw sfError(400, 'INVALID_API_INPUT', `A request can create records of at most ${TREE_TYPE_LIMIT} types`);
    }
    return ordered;
}

class TreeFailure extends Error {
    constructor(
        readonly referenceId: string,
        readonly failure: SalesforceApiError
    ) {
        super(failure.message);
    }
}

export const compositeTreeHandler: ApiHandler = (req, params, deps) => {
    const root = objectFromUrl(deps, params.type);
    const ordered = flatten(deps, root, req.body);
    const ids: string[] = [];
    try {
        deps.store.transaction(req.context, () => {
            for (const record of ordered) {
                const fields = record.parent ? { ...record.fields, [record.parent.field]: ids[record.parent.index] } : record.fields;
                try {
                    ids.push(createRecord(deps, req.context, record.def, fields).Id);
                } catch (error) {
                    if (error instanceof SalesforceApiError) throw new TreeFailure(record.referenceId, error);
                    throw error;
                }
            }
        });
    } catch (error) {
        if (!(error instanceof TreeFailure)) throw error;
        const errors = error.failure.toBody().map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields }));
        return { status: 400, body: { hasErrors: true, results: [{ referenceId: error.referenceId, errors }] } };
    }
    return { status: 201, body: { hasErrors: false, results: ordered.map((r, i) => ({ referenceId: r.referenceId, id: ids[i] })) } };
};
