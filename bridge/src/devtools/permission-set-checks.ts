import { XMLParser } from 'fast-xml-parser';
import type { MetadataIssue } from './metadata-issue.ts';
import type { MetadataIndex } from './metadata-index.ts';

const LIST_ELEMENTS = new Set([
    'fieldPermissions',
    'objectPermissions',
    'classAccesses',
    'customPermissions',
    'userPermissions'
]);

const permissionSetParser = new XMLParser({
    ignoreDeclaration: true,
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => LIST_ELEMENTS.has(name)
});

type Entry = Record<string, string | undefined>;

/** Object permissions a platform event accepts: publish (create) and subscribe (read) only. */
const EVENT_ONLY_PERMISSIONS = ['allowCreate', 'allowRead'];
const ALL_OBJECT_PERMISSIONS = [
    'allowCreate',
    'allowDelete',
    'allowEdit',
    'allowRead',
    'modifyAllRecords',
    'viewAllRecords'
];

/**
 * Cross-checks a permission set against the package: every custom field, event, class and custom
 * permission it names exists, required fields are left out (the Metadata API refuses FLS on them),
 * editable implies readable, and events get only create/read. Standard fields and objects are not in
 * the package and are not checked.
 */
export function checkPermissionSetFile(
    relativePath: string,
    text: string,
    index: MetadataIndex
): MetadataIssue[] {
    const parsed = permissionSetParser.parse(text) as { PermissionSet?: Record<string, Entry[] | undefined> };
    const permissionSet = parsed.PermissionSet;
    if (permissionSet === undefined || typeof permissionSet !== 'object') {
        return [];
    }
    const issues: MetadataIssue[] = [];
    const report = (message: string) => issues.push({ check: 'permission-set', path: relativePath, message });

    for (const entry of permissionSet.fieldPermissions ?? []) {
        const name = entry.field ?? '';
        const field = index.fields.get(name);
        if (isCustom(name) && field === undefined) {
            report(`fieldPermissions names ${name}, which is not defined under force-app`);
        }
        if (field?.required) {
            report(
                `fieldPermissions names ${name}, a required field; the Metadata API refuses field access on required fields`
            );
        }
        if (entry.editable === 'true' && entry.readable !== 'true') {
            report(`fieldPermissions for ${name} is editable but not readable`);
        }
    }
    for (const entry of permissionSet.objectPermissions ?? []) {
        const name = entry.object ?? '';
        if (isCustom(name) && !index.objects.has(name)) {
            report(`objectPermissions names ${name}, which is not defined under force-app`);
        }
        if (name.endsWith('__e')) {
            const extra = ALL_OBJECT_PERMISSIONS.filter(
                (key) => !EVENT_ONLY_PERMISSIONS.includes(key) && entry[key] === 'true'
            );
            if (extra.length > 0) {
                report(
                    `objectPermissions for platform event ${name} grants ${extra.join(', ')}; events accept only allowCreate and allowRead`
                );
            }
        }
    }
    for (const entry of permissionSet.classAccesses ?? []) {
        if (!index.apexClasses.has(entry.apexClass ?? '')) {
            report(
                `classAccesses names Apex class ${entry.apexClass ?? '(none)'}, which is not in force-app`
            );
        }
    }
    for (const entry of permissionSet.customPermissions ?? []) {
        if (!index.customPermissions.has(entry.name ?? '')) {
            report(`customPermissions names ${entry.name ?? '(none)'}, which is not in force-app`);
        }
    }
    return issues;
}

function isCustom(name: string): boolean {
    return /__(c|e)$/.test(name) || /\.[A-Za-z0-9_]+__c$/.test(name);
}
