/**
 * Resolves the record named in a resource path. An ID that cannot name a record of the resource's object is
 * answered as a 400 Error with Output; a well-formed ID with no live record is a logical failure (2xx).
 */
import type { SObjectRecord } from '../contracts.ts';
import type { ConnectDeps } from './connect-deps.ts';
import { ConnectErrorWithOutput, fail } from './connect-outcome.ts';
import { isIdOf, normalizeId } from './som-records.ts';

export function pathRecord(deps: ConnectDeps, objectName: string, rawId: unknown): SObjectRecord {
    const id = typeof rawId === 'string' ? rawId : '';
    if (!isIdOf(deps.schema, objectName, id)) {
        throw new ConnectErrorWithOutput(400, 'INVALID_ID_FIELD', `The ID "${id}" in the resource path is not a valid ${objectName} ID.`);
    }
    const record = deps.store.get(normalizeId(id));
    if (!record) return fail('INVALID_ID_FIELD', `No ${objectName} found with ID ${id}.`);
    return record;
}
