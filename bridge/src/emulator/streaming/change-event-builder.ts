/**
 * Turns one committed transaction into Change Data Capture events, following the CDC developer
 * guide ("Change Event Body Fields", "ChangeEventHeader Fields") for JSON (CometD) messages:
 * - CREATE and UNDELETE carry every non-empty field plus system fields;
 * - UPDATE carries only the changed fields (null only when set to null) plus LastModifiedDate;
 * - DELETE carries no fields;
 * - several changes to one record inside the transaction collapse to one event of the first change
 *   type with the committed data;
 * - records of one object with an identical change (same type, same changed fields and values) are
 *   merged into one event with several `recordIds`.
 * Events share the transaction's `transactionKey`, are numbered by `sequenceNumber` from 1, and the
 * last one has `isTransactionEnd: true`.
 */
import type { CommittedTransaction, RecordChange, SObjectRecord } from '../contracts.ts';

/** Header of a change event, as delivered in `payload.ChangeEventHeader`. */
export interface ChangeEventHeader {
    entityName: string;
    recordIds: string[];
    changeType: string;
    changeOrigin: string;
    transactionKey: string;
    sequenceNumber: number;
    isTransactionEnd: boolean;
    commitTimestamp: number;
    commitNumber: number;
    commitUser: string;
    changedFields: string[];
}

/** One change event before it is given a replay ID and channels. */
export interface BuiltChangeEvent {
    entity: string;
    payload: Record<string, unknown> & { ChangeEventHeader: ChangeEventHeader };
}

/** Record fields a change event never carries: the ID travels in the header, the rest are not captured. */
const NOT_CAPTURED = new Set(['Id', 'IsDeleted', 'SystemModstamp', 'LastViewedDate', 'LastReferencedDate']);

/** Default API origin when a change arrives without one (REST at the emulator's newest version). */
export const DEFAULT_API_ORIGIN = 'com/salesforce/api/rest/66.0';

/** `changeOrigin` as the platform writes it; the client ID comes from `Sforce-Call-Options: client=...`. */
export function changeOriginOf(context: CommittedTransaction['context']): string {
    if (context.callOptionsClient) return `${context.api ?? DEFAULT_API_ORIGIN};client=${context.callOptionsClient}`;
    return context.api ?? '';
}

/** Merges repeated changes to one record into the first change type with the committed data. */
function collapsePerRecord(changes: RecordChange[]): RecordChange[] {
    const byRecord = new Map<string, RecordChange>();
    // The committed changes are shared with other listeners: a record's first change is copied only when a later one merges in.
    const copied = new Set<RecordChange>();
    for (const change of changes) {
        let seen = byRecord.get(change.recordId);
        if (!seen) {
            byRecord.set(change.recordId, change);
            continue;
        }
        if (!copied.has(seen)) {
            seen = { ...seen, changedFields: [...seen.changedFields] };
            copied.add(seen);
            byRecord.set(change.recordId, seen);
        }
        for (const field of change.changedFields) if (!seen.changedFields.includes(field)) seen.changedFields.push(field);
        seen.after = change.after;
    }
    return [...byRecord.values()];
}

function fullBody(record: SObjectRecord): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
        if (NOT_CAPTURED.has(field) || value === null || value === undefined) continue;
        body[field] = value;
    }
    return body;
}

function updateBody(change: RecordChange): { body: Record<string, unknown>; changedFields: string[] } {
    const changedFields = change.changedFields.filter((f) => !NOT_CAPTURED.has(f));
    if (!changedFields.includes('LastModifiedDate') && change.after.LastModifiedDate !== undefined) changedFields.push('LastModifiedDate');
    const body: Record<string, unknown> = {};
    for (const field of changedFields) body[field] = change.after[field] ?? null;
    return { body, changedFields };
}

function bodyOf(change: RecordChange): { body: Record<string, unknown>; changedFields: string[] } {
    switch (change.changeType) {
        case 'CREATE':
        case 'UNDELETE':
            return { body: fullBody(change.after), changedFields: [] };
        case 'UPDATE':
            return updateBody(change);
        case 'DELETE':
            return { body: {}, changedFields: [] };
    }
}

interface Group {
    entity: string;
    changeType: string;
    recordIds: string[];
    body: Record<string, unknown>;
    changedFields: string[];
}

/** True when `change` would have the fingerprint of `group`: same fields in the same order, identical values. */
function sameChange(group: Group, change: RecordChange, body: Record<string, unknown>, changedFields: string[]): boolean {
    if (group.entity !== change.objectName || group.changeType !== change.changeType || !sameList(group.changedFields, changedFields)) return false;
    const keys = Object.keys(body);
    if (!sameList(Object.keys(group.body), keys)) return false;
    for (const key of keys) if (body[key] !== group.body[key]) return false;
    return true;
}

function sameList(a: string[], b: string[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}

/** Stable text of a body, so identical changes compare equal whatever the key order (never starts with `#`). */
function fingerprint(entity: string, changeType: string, body: Record<string, unknown>, changedFields: string[]): string {
    const fields = changedFields.length > 1 ? [...changedFields].sort() : changedFields;
    // An update's body holds exactly its changed fields, so their sorted list already names the body's keys.
    const keys = changeType === 'UPDATE' ? fields : Object.keys(body).sort();
    return JSON.stringify([entity, changeType, fields, keys === fields ? 0 : keys, keys.map((k) => body[k])]);
}

/**
 * The change events of `transaction` for the entities in `capturedEntities`, in commit order.
 * Returns an empty list when no captured entity changed.
 */
export function buildChangeEvents(transaction: CommittedTransaction, capturedEntities: ReadonlySet<string>): BuiltChangeEvent[] {
    const relevant = collapsePerRecord(transaction.changes.filter((c) => capturedEntities.has(c.objectName)));
    const groups = new Map<string, Group>();
    // A change alone of its object and type cannot merge with another, so only the others need a fingerprint.
    const kinds = new Map<string, Partial<Record<RecordChange['changeType'], number>>>();
    for (const change of relevant) {
        let ofObject = kinds.get(change.objectName);
        if (!ofObject) kinds.set(change.objectName, (ofObject = {}));
        ofObject[change.changeType] = (ofObject[change.changeType] ?? 0) + 1;
    }
    let last: Group | undefined;
    for (const [index, change] of relevant.entries()) {
        const { body, changedFields } = bodyOf(change);
        // Changes to many records in one call are mostly identical to the one before: that needs no fingerprint.
        if (last && sameChange(last, change, body, changedFields)) {
            last.recordIds.push(change.recordId);
            continue;
        }
        const alone = kinds.get(change.objectName)![change.changeType] === 1;
        const key = alone ? `#${index}` : fingerprint(change.objectName, change.changeType, body, changedFields);
        let group = groups.get(key);
        if (group) group.recordIds.push(change.recordId);
        else groups.set(key, (group = { entity: change.objectName, changeType: change.changeType, recordIds: [change.recordId], body, changedFields }));
        last = group;
    }
    const origin = changeOriginOf(transaction.context);
    const all = [...groups.values()];
    return all.map((group, index) => ({
        entity: group.entity,
        payload: {
            ChangeEventHeader: {
                entityName: group.entity,
                recordIds: group.recordIds,
                changeType: group.changeType,
                changeOrigin: origin,
                transactionKey: transaction.transactionKey,
                sequenceNumber: index + 1,
                isTransactionEnd: index === all.length - 1,
                commitTimestamp: transaction.commitTimestamp,
                commitNumber: transaction.commitNumber,
                commitUser: transaction.context.userId,
                changedFields: group.changedFields
            },
            ...group.body
        }
    }));
}
