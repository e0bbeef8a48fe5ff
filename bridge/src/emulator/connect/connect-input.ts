/**
 * Reading Connect request bodies. Connect parses bodies into typed input classes, so a property it does not
 * know is a JSON_PARSER_ERROR and a missing or mistyped required property is INVALID_API_INPUT (HTTP 400,
 * Salesforce's error array). Every message names the property and where it sits in the body.
 */
import { sfError } from '../rest/salesforce-error.ts';

export type JsonObject = Record<string, unknown>;

const invalid = (message: string) => sfError(400, 'INVALID_API_INPUT', message);

export function isJsonObject(value: unknown): value is JsonObject {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as an object whose properties are all in `allowed`. */
export function readBody(body: unknown, inputName: string, allowed: readonly string[]): JsonObject {
    if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) {
        throw invalid(`The request body is empty; expected a ${inputName} JSON object.`);
    }
    if (!isJsonObject(body)) throw sfError(400, 'JSON_PARSER_ERROR', `Expected a ${inputName} JSON object as the request body.`);
    rejectUnknown(body, inputName, allowed);
    return body;
}

export function rejectUnknown(value: JsonObject, inputName: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) {
            throw sfError(400, 'JSON_PARSER_ERROR', `Unrecognized field "${key}" in ${inputName}; allowed fields: ${allowed.join(', ')}.`);
        }
    }
}

export function requireString(value: JsonObject, name: string, where: string): string {
    const raw = value[name];
    if (raw === undefined || raw === null || raw === '') throw invalid(`Missing required property ${where}.${name}.`);
    if (typeof raw !== 'string') throw invalid(`Property ${where}.${name} must be a string, got ${typeName(raw)}.`);
    return raw;
}

export function optionalString(value: JsonObject, name: string, where: string): string | undefined {
    const raw = value[name];
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') throw invalid(`Property ${where}.${name} must be a string, got ${typeName(raw)}.`);
    return raw;
}

/** Connect's Double properties accept numbers and numeric strings (the docs' own examples send "1"). */
export function optionalNumber(value: JsonObject, name: string, where: string): number | undefined {
    const raw = value[name];
    if (raw === undefined || raw === null) return undefined;
    const parsed = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
        throw invalid(`Property ${where}.${name} must be a number, got ${typeName(raw)}.`);
    }
    return parsed;
}

export function requireNumber(value: JsonObject, name: string, where: string): number {
    const parsed = optionalNumber(value, name, where);
    if (parsed === undefined) throw invalid(`Missing required property ${where}.${name}.`);
    return parsed;
}

export function requirePositive(value: JsonObject, name: string, where: string): number {
    const parsed = requireNumber(value, name, where);
    if (parsed <= 0) throw invalid(`Property ${where}.${name} must be a positive number, got ${parsed}.`);
    return parsed;
}

export function optionalNonNegative(value: JsonObject, name: string, where: string): number | undefined {
    const parsed = optionalNumber(value, name, where);
    if (parsed !== undefined && parsed < 0) throw invalid(`Property ${where}.${name} must not be negative, got ${parsed}.`);
    return parsed;
}

export function optionalBoolean(value: JsonObject, name: string, where: string): boolean | undefined {
    const raw = value[name];
    if (raw === undefined || raw === null) return undefined;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    if (typeof raw !== 'boolean') throw invalid(`Property ${where}.${name} must be a boolean, got ${typeName(raw)}.`);
    return raw;
}

/** A required, non-empty array of objects, each checked against `allowed`. */
export function requireObjectList(value: JsonObject, name: string, where: string, allowed: readonly string[]): JsonObject[] {
    const list = optionalObjectList(value, name, where, allowed);
    if (list === undefined || list.length === 0) throw invalid(`Property ${where}.${name} needs at least one element.`);
    return list;
}

export function optionalObjectList(value: JsonObject, name: string, where: string, allowed: readonly string[]): JsonObject[] | undefined {
    const raw = value[name];
    if (raw === undefined || raw === null) return undefined;
    if (!Array.isArray(raw)) throw invalid(`Property ${where}.${name} must be an array, got ${typeName(raw)}.`);
    return raw.map((element: unknown, index) => {
        const path = `${where}.${name}[${index}]`;
        if (!isJsonObject(element)) throw invalid(`Element ${path} must be an object, got ${typeName(element)}.`);
        rejectUnknown(element, path, allowed);
        return element;
    });
}

export function requireStringList(value: JsonObject, name: string, where: string): string[] {
    const raw = value[name];
    if (!Array.isArray(raw) || raw.length === 0) throw invalid(`Property ${where}.${name} must be a non-empty array of IDs.`);
    return raw.map((element: unknown, index) => {
        if (typeof element !== 'string' || element === '') {
            throw invalid(`Element ${where}.${name}[${index}] must be an ID string, got ${typeName(element)}.`);
        }
        return element;
    });
}

function typeName(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    return typeof value;
}
