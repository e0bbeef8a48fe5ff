/**
 * Converts one `<CustomField>` metadata element into the emulator's FieldDef, following the describe
 * mapping Salesforce applies (Number → double, Lookup/MasterDetail → reference, formula → calculated).
 */
import type { FieldDef, FieldType } from '../contracts.ts';
import { flagOf, intOf, textOf, type XmlNode } from './metadata-xml.ts';

const TYPE_MAP: Record<string, FieldType> = {
    Text: 'string',
    EncryptedText: 'string',
    TextArea: 'textarea',
    LongTextArea: 'textarea',
    Html: 'textarea',
    Checkbox: 'boolean',
    Number: 'double',
    Currency: 'currency',
    Percent: 'percent',
    Date: 'date',
    DateTime: 'datetime',
    Url: 'url',
    Email: 'email',
    Phone: 'phone',
    Picklist: 'picklist',
    MultiselectPicklist: 'multipicklist',
    Lookup: 'reference',
    MasterDetail: 'reference',
    AutoNumber: 'string',
    Summary: 'double'
};

/** Default lengths Salesforce uses when the metadata leaves `<length>` out. */
const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
    string: 255,
    textarea: 255,
    email: 80,
    phone: 40,
    url: 255,
    picklist: 255,
    multipicklist: 4099,
    reference: 18
};

/** A parsed field plus the child relationship name it gives its parent (lookups only). */
export interface ParsedField {
    field: FieldDef;
    childRelationshipName?: string;
    /** True for AutoNumber fields, which the store numbers on insert. */
    autoNumber?: boolean;
}

function picklistOf(node: XmlNode): { values: string[]; restricted: boolean; defaultValue?: string } {
    const valueSet = (node.valueSet ?? {}) as XmlNode;
    const definition = (valueSet.valueSetDefinition ?? {}) as XmlNode;
    const values = ((definition.value ?? []) as XmlNode[]).map((v) => textOf(v, 'fullName') ?? '');
    const defaultEntry = ((definition.value ?? []) as XmlNode[]).find((v) => flagOf(v, 'default'));
    return {
        values,
        restricted: flagOf(valueSet, 'restricted'),
        defaultValue: defaultEntry ? textOf(defaultEntry, 'fullName') : undefined
    };
}

/** Builds the FieldDef; throws naming `source` for a type the emulator does not model. */
export function parseCustomField(node: XmlNode, source: string): ParsedField {
    const name = textOf(node, 'fullName');
    if (!name) throw new Error(`${source}: <fullName> is missing`);
    const xmlType = textOf(node, 'type');
    const isFormula = textOf(node, 'formula') !== undefined;
    const type = xmlType ? TYPE_MAP[xmlType] : undefined;
    if (!type) throw new Error(`${source}: field type '${xmlType ?? '(none)'}' of ${name} is not supported by the emulator`);
    const calculated = isFormula || xmlType === 'AutoNumber' || xmlType === 'Summary';
    const field: FieldDef = {
        name,
        label: textOf(node, 'label') ?? name,
        type,
        createable: !calculated,
        updateable: !calculated,
        custom: true
    };
    const length = intOf(node, 'length') ?? DEFAULT_LENGTH[type];
    if (length !== undefined && type !== 'boolean') field.length = length;
    if (xmlType === 'AutoNumber') field.length = 30;
    if (calculated) field.calculated = true;
    if (flagOf(node, 'externalId')) field.externalId = true;
    if (flagOf(node, 'unique')) field.unique = true;
    if (!calculated && (flagOf(node, 'required') || xmlType === 'MasterDetail')) field.required = true;
    const help = textOf(node, 'inlineHelpText');
    if (help) field.inlineHelpText = help;
    if (type === 'boolean') field.defaultValue = textOf(node, 'defaultValue') === 'true';
    if (type === 'picklist' || type === 'multipicklist') {
        const picklist = picklistOf(node);
        field.picklistValues = picklist.values;
        field.restrictedPicklist = picklist.restricted;
        if (picklist.defaultValue !== undefined) field.defaultValue = picklist.defaultValue;
    }
    let childRelationshipName: string | undefined;
    if (type === 'reference') {
        const referenceTo = (node.referenceTo ?? []) as string[];
        if (referenceTo.length === 0) throw new Error(`${source}: lookup ${name} has no <referenceTo>`);
        field.referenceTo = referenceTo;
        field.relationshipName = name.replace(/__c$/, '__r');
        const rel = textOf(node, 'relationshipName');
        if (rel) childRelationshipName = `${rel}__r`;
        if (xmlType === 'MasterDetail' && !flagOf(node, 'reparentableMasterDetail')) field.updateable = false;
    }
    return { field, childRelationshipName, autoNumber: xmlType === 'AutoNumber' };
}
