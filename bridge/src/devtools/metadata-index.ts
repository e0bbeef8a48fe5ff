import path from 'node:path';
import type { FieldSummary } from './field-checks.ts';

/** Names the package defines, for cross-reference checks (permission sets, the admin guide). */
export interface MetadataIndex {
    /** Objects with a folder under objects/ (standard objects extended with fields included). */
    objects: Set<string>;
    /** `Object.Field__c` → the field's summary. */
    fields: Map<string, FieldSummary>;
    apexClasses: Set<string>;
    customPermissions: Set<string>;
    permissionSets: Set<string>;
    lwcBundles: Set<string>;
    /** File names of PlatformEventChannelMember files, e.g. ChangeEvents_ShipmentChangeEvent. */
    channelMembers: Set<string>;
}

function baseName(relativePath: string, suffix: string): string {
    return path.posix.basename(relativePath, suffix);
}

/** Builds the index from the package's file paths and the parsed field files. */
export function buildMetadataIndex(relativePaths: string[], fields: FieldSummary[]): MetadataIndex {
    const index: MetadataIndex = {
        objects: new Set(),
        fields: new Map(fields.map((field) => [`${field.objectName}.${field.fieldName}`, field])),
        apexClasses: new Set(),
        customPermissions: new Set(),
        permissionSets: new Set(),
        lwcBundles: new Set(),
        channelMembers: new Set()
    };
    for (const relativePath of relativePaths) {
        const objectMatch = relativePath.match(/\/objects\/([^/]+)\//);
        if (objectMatch?.[1]) {
            index.objects.add(objectMatch[1]);
        }
        const lwcMatch = relativePath.match(/\/lwc\/([^/]+)\//);
        if (lwcMatch?.[1]) {
            index.lwcBundles.add(lwcMatch[1]);
        }
        if (relativePath.endsWith('.cls')) {
            index.apexClasses.add(baseName(relativePath, '.cls'));
        } else if (relativePath.endsWith('.customPermission-meta.xml')) {
            index.customPermissions.add(baseName(relativePath, '.customPermission-meta.xml'));
        } else if (relativePath.endsWith('.permissionset-meta.xml')) {
            index.permissionSets.add(baseName(relativePath, '.permissionset-meta.xml'));
        } else if (relativePath.endsWith('.platformEventChannelMember-meta.xml')) {
            index.channelMembers.add(baseName(relativePath, '.platformEventChannelMember-meta.xml'));
        }
    }
    return index;
}
