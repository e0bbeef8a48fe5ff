/**
 * Reads one Salesforce metadata XML file (source format) into a plain object. Every tag value stays a string so
 * that picklist values such as `1` or `true` keep their text; callers convert what they need.
 */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Tags that may repeat and must always come back as arrays. */
const REPEATED = new Set(['value', 'fields', 'referenceTo', 'valueSettings']);

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (tagName) => REPEATED.has(tagName)
});

export type XmlNode = Record<string, unknown>;

/** Parses `file` and returns the content of its root element (e.g. `<CustomField>`), naming the file on failure. */
export function readMetadataXml(file: string, rootTag: string): XmlNode {
    const xml = readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
        throw new Error(`${file}: invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
    }
    const doc = parser.parse(xml) as XmlNode;
    const root = doc[rootTag];
    if (root === undefined) throw new Error(`${file}: expected a <${rootTag}> root element`);
    return (typeof root === 'object' && root !== null ? root : {}) as XmlNode;
}

export const textOf = (node: XmlNode, tag: string): string | undefined => {
    const v = node[tag];
    return typeof v === 'string' ? v : undefined;
};

export const flagOf = (node: XmlNode, tag: string): boolean => textOf(node, tag) === 'true';

export const intOf = (node: XmlNode, tag: string): number | undefined => {
    const v = textOf(node, tag);
    return v === undefined || v === '' ? undefined : Number.parseInt(v, 10);
};
