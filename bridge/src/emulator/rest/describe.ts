/** Describe results shaped like Salesforce's (`/sobjects`, `/sobjects/X`, `/sobjects/X/describe`). */
import type { FieldDef, ObjectDef } from '../contracts.ts';

const SOAP_TYPES: Record<string, string> = {
    id: 'tns:ID',
    reference: 'tns:ID',
    boolean: 'xsd:boolean',
    int: 'xsd:int',
    double: 'xsd:double',
    currency: 'xsd:double',
    percent: 'xsd:double',
    date: 'xsd:date',
    datetime: 'xsd:dateTime',
    address: 'urn:address'
};

const objectUrls = (def: ObjectDef, version: string) => {
    const base = `/services/data/v${version}/sobjects/${def.name}`;
    return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
};

/** The per-object summary used in the global describe. */
export function describeSummary(def: ObjectDef, version: string) {
    return {
        name: def.name,
        label: def.label,
        labelPlural: def.labelPlural,
        keyPrefix: def.isPlatformEvent ? null : def.keyPrefix,
        custom: def.custom,
        createable: def.createable,
        updateable: def.updateable,
        deletable: def.deletable,
        queryable: def.queryable,
        retrieveable: def.queryable,
        searchable: false,
        layoutable: !def.isPlatformEvent,
        triggerable: true,
        replicateable: !def.isPlatformEvent,
        urls: objectUrls(def, version)
    };
}

function describeField(field: FieldDef) {
    const nillable = !field.required && field.type !== 'boolean' && field.name !== 'Id';
    return {
        name: field.name,
        label: field.label,
        type: field.type,
        soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
        length: field.length ?? 0,
        nillable,
        createable: field.createable,
        updateable: field.updateable,
        calculated: field.calculated ?? false,
        custom: field.custom ?? false,
        externalId: field.externalId ?? false,
        idLookup: field.name === 'Id' || !!field.externalId,
        unique: field.unique ?? false,
        defaultedOnCreate: field.defaultValue !== undefined || field.calculated === true,
        defaultValue: field.defaultValue ?? null,
        inlineHelpText: field.inlineHelpText ?? null,
        restrictedPicklist: field.restrictedPicklist ?? false,
        picklistValues: (field.picklistValues ?? []).map((value) => ({ active: true, defaultValue: field.defaultValue === value, label: value, validFor: null, value })),
        referenceTo: field.referenceTo ?? [],
        relationshipName: field.relationshipName ?? null,
        polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
        filterable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
        sortable: field.type !== 'textarea' && field.type !== 'multipicklist'
    };
}

export function describeObject(def: ObjectDef, version: string) {
    return {
        ...describeSummary(def, version),
        fields: Object.values(def.fields).map(describeField),
        childRelationships: def.childRelationships.map((r) => ({
            childSObject: r.childSObject,
            field: r.field,
            relationshipName: r.relationshipName,
            cascadeDelete: false,
            deprecatedAndHidden: false
        })),
        recordTypeInfos: [],
        supportedScopes: [{ label: 'All', name: 'everything' }]
    };
}
