import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MetadataIssue } from './metadata-issue.ts';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/**
 * Root element each source-format suffix must have. A file whose root does not match its suffix is
 * accepted by XML tools but refused by the Metadata API at deploy time, so it is caught here.
 */
export const ROOT_ELEMENT_BY_SUFFIX: Readonly<Record<string, string>> = {
    '.app-meta.xml': 'CustomApplication',
    '.cls-meta.xml': 'ApexClass',
    '.compactLayout-meta.xml': 'CompactLayout',
    '.customPermission-meta.xml': 'CustomPermission',
    '.externalCredential-meta.xml': 'ExternalCredential',
    '.field-meta.xml': 'CustomField',
    '.flexipage-meta.xml': 'FlexiPage',
    '.flow-meta.xml': 'Flow',
    '.js-meta.xml': 'LightningComponentBundle',
    '.labels-meta.xml': 'CustomLabels',
    '.layout-meta.xml': 'Layout',
    '.listView-meta.xml': 'ListView',
    '.namedCredential-meta.xml': 'NamedCredential',
    '.object-meta.xml': 'CustomObject',
    '.permissionset-meta.xml': 'PermissionSet',
    '.permissionsetgroup-meta.xml': 'PermissionSetGroup',
    '.platformEventChannel-meta.xml': 'PlatformEventChannel',
    '.platformEventChannelMember-meta.xml': 'PlatformEventChannelMember',
    '.quickAction-meta.xml': 'QuickAction',
    '.recordType-meta.xml': 'RecordType',
    '.resource-meta.xml': 'StaticResource',
    '.tab-meta.xml': 'CustomTab',
    '.trigger-meta.xml': 'ApexTrigger',
    '.validationRule-meta.xml': 'ValidationRule'
};

export function expectedRootElement(relativePath: string): string | undefined {
    const suffix = Object.keys(ROOT_ELEMENT_BY_SUFFIX).find((candidate) => relativePath.endsWith(candidate));
    return suffix === undefined ? undefined : ROOT_ELEMENT_BY_SUFFIX[suffix];
}

const rootParser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    ignoreDeclaration: true
});

/** Checks one XML file: well-formed, a known suffix, the root element for it and the metadata namespace. */
export function checkXmlFile(relativePath: string, text: string): MetadataIssue[] {
    const validation = XMLValidator.validate(text);
    if (validation !== true) {
        const { msg, line, col } = validation.err;
        return [{ check: 'xml', path: relativePath, line, column: col, message: `malformed XML: ${msg}` }];
    }
    const expected = expectedRootElement(relativePath);
    if (expected === undefined) {
        return [
            {
                check: 'xml',
                path: relativePath,
                message: `no known metadata type for this file name; expected one of the suffixes ${Object.keys(ROOT_ELEMENT_BY_SUFFIX).join(', ')}`
            }
        ];
    }
    const document = rootParser.parse(text) as Record<string, unknown>;
    const roots = Object.keys(document);
    if (roots.length !== 1 || roots[0] !== expected) {
        return [
            {
                check: 'xml',
                path: relativePath,
                message: `root element is <${roots.join('>, <') || 'none'}> but a ${expected} file needs <${expected}>`
            }
        ];
    }
    const root = document[expected] as Record<string, unknown> | string;
    const namespace = typeof root === 'object' && root !== null ? root['@_xmlns'] : undefined;
    if (namespace !== METADATA_NAMESPACE) {
        return [
            {
                check: 'xml',
                path: relativePath,
                message: `<${expected}> must declare xmlns="${METADATA_NAMESPACE}" (found ${namespace === undefined ? 'none' : `"${String(namespace)}"`})`
            }
        ];
    }
    return [];
}
