/**
 * Reading SOM records for the Connect actions: typed field access and lookups by parent. Children are found
 * through the store's lookup index where it has one, so an action costs the same in a large org as in a small
 * one; a store without it is scanned.
 */
import type { RecordStoreApi, SchemaRegistryApi, SObjectRecord } from '../contracts.ts';

export function num(record: SObjectRecord | undefined, field: string): number {
    const value = record?.[field];
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function str(record: SObjectRecord | undefined, field: string): string | undefined {
    const value = record?.[field];
    return typeof value === 'string' ? value : undefined;
}

/** Live records of `objectName` whose `field` equals `parentId`. */
export function childrenOf(store: RecordStoreApi, objectName: string, field: string, parentId: string): SObjectRecord[] {
    if (store.referencing) return store.referencing(objectName, field, parentId).filter((record) => !record.IsDeleted);
    return store.all(objectName).filter((record) => record[field] === parentId);
}

/** A live record of `objectName` (matched by the object's ID prefix), or undefined when absent or deleted. */
export function recordOf(schema: SchemaRegistryApi, store: RecordStoreApi, objectName: string, id: string): SObjectRecord | undefined {
    if (!isIdOf(schema, objectName, id)) return undefined;
    return store.get(normalizeId(id));
}

/** True when `id` is shaped like a Salesforce ID of `objectName` (15 or 18 characters, the object's prefix). */
export function isIdOf(schema: SchemaRegistryApi, objectName: string, id: string): boolean {
    if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) return false;
    const prefix = schema.get(objectName)?.keyPrefix;
    return prefix === undefined || id.startsWith(prefix);
}

/** Store IDs are 18 characters; a 15-character ID names the same record. */
export function normalizeId(id: string): string {
    return id.length === 15 ? id + caseSafeSuffix(id) : id;
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The three check characters Salesforce appends to a 15-character ID to make it case-insensitive-safe. */
export function caseSafeSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let position = 0; position < 5; position++) {
            const char = id15.charAt(chunk * 5 + position);
            if (char >= 'A' && char <= 'Z') bits |= 1 << position;
        }
        suffix += SUFFIX_ALPHABET.charAt(bits);
    }
    return suffix;
}

/** Sum of `field` over records, rounded to cents so repeated arithmetic does not drift. */
export function sumOf(records: SObjectRecord[], field: string): number {
    return roundMoney(records.reduce((total, record) => total + num(record, field), 0));
}

export function roundMoney(amount: number): number {
    return Math.round(amount * 100) / 100;
}
