import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { MetadataIssue } from './metadata-issue.ts';

/** Field types Salesforce accepts as external IDs (the subset this package allows). */
export const EXTERNAL_ID_TYPES: readonly string[] = ['Text', 'Number', 'Email'];

const PICKLIST_TYPES = ['Picklist', 'MultiselectPicklist'];
const TEXT_MAX_LENGTH = 255;
const LONG_TEXT_MAX_LENGTH = 131072;

const fieldParser = new XMLParser({
    ignoreDeclaration: true,
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'value'
});

/** The parts of a CustomField file the checks and the permission-set checks read. */
export interface FieldSummary {
    objectName: string;
    fieldName: string;
    type: string;
    required: boolean;
    relativePath: string;
}

/** Object and field name from `.../objects/<Object>/fields/<Field>.field-meta.xml`. */
export function fieldIdentity(relativePath: string): { objectName: string; fieldName: string } {
    const parts = relativePath.split('/');
    return {
        objectName: parts[parts.length - 3] ?? '',
        fieldName: path.posix.basename(relativePath, '.field-meta.xml')
    };
}

/**
 * Sanity rules the Metadata API only enforces at deploy time (or not at all): external IDs on a type
 * that supports them, help text and description for the admins and agents, picklists with values,
 * text lengths within the platform's bounds, and a fullName that matches the file.
 */
export function checkFieldFile(
    relativePath: string,
    text: string
): { issues: MetadataIssue[]; field?: FieldSummary } {
    const parsed = fieldParser.parse(text) as { CustomField?: Record<string, unknown> };
    const field = parsed.CustomField;
    if (field === undefined || typeof field !== 'object') {
        return { issues: [] }; // the XML check already reports a wrong root element
    }
    const { objectName, fieldName } = fieldIdentity(relativePath);
    const issues: MetadataIssue[] = [];
    const report = (message: string) => issues.push({ check: 'field', path: relativePath, message });
    const type = stringValue(field.type);
    if (stringValue(field.fullName) !== fieldName) {
        report(`fullName "${stringValue(field.fullName)}" does not match the file name ${fieldName}`);
    }
    if (!type) {
        report('missing <type>');
    }
    if (stringValue(field.externalId) === 'true' && !EXTERNAL_ID_TYPES.includes(type)) {
        report(`external ID on a ${type} field; external IDs must be ${EXTERNAL_ID_TYPES.join(', ')}`);
    }
    if (!stringValue(field.inlineHelpText).trim()) {
        report('missing <inlineHelpText> (every field carries help text)');
    }
    if (!stringValue(field.description).trim()) {
        report('missing <description>');
    }
    if (PICKLIST_TYPES.includes(type)) {
        const valueSet = field.valueSet as
            { valueSetName?: unknown; valueSetDefinition?: { value?: unknown[] } } | undefined;
        const values = valueSet?.valueSetDefinition?.value ?? [];
        if (!valueSet?.valueSetName && values.length === 0) {
            report('picklist without values (add <valueSet><valueSetDefinition><value> entries)');
        }
    }
    const length = Number(stringValue(field.length));
    if (type === 'Text' && !(length >= 1 && length <= TEXT_MAX_LENGTH)) {
        report(
            `Text field length must be 1..${TEXT_MAX_LENGTH} (found ${stringValue(field.length) || 'none'})`
        );
    }
    if (['LongTextArea', 'Html'].includes(type) && !(length >= 256 && length <= LONG_TEXT_MAX_LENGTH)) {
        report(
            `${type} length must be 256..${LONG_TEXT_MAX_LENGTH} (found ${stringValue(field.length) || 'none'})`
        );
    }
    return {
        issues,
        field: { objectName, fieldName, type, required: stringValue(field.required) === 'true', relativePath }
    };
}

function stringValue(value: unknown): string {
    return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
