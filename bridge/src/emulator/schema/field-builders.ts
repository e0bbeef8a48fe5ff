/**
 * Compact builders for the standard object model. Each returns a FieldDef with Salesforce's describe
 * defaults for that type (createable/updateable true unless the field is platform-computed).
 */
import type { FieldDef, FieldType, ObjectDef } from '../contracts.ts';

type Extra = Partial<Omit<FieldDef, 'name' | 'type'>>;

const labelOf = (name: string) =>
    name
        .replace(/__c$/, '')
        .replace(/Id$/, '')
        .replace(/_/g, ' ')
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .trim();

function field(name: string, type: FieldType, extra: Extra = {}): FieldDef {
    return { name, label: extra.label ?? labelOf(name), type, createable: true, updateable: true, ...extra };
}

export const str = (name: string, length = 255, extra: Extra = {}) => field(name, 'string', { length, ...extra });
export const text = (name: string, length = 32000, extra: Extra = {}) => field(name, 'textarea', { length, ...extra });
export const email = (name: string, extra: Extra = {}) => field(name, 'email', { length: 80, ...extra });
export const phone = (name: string, extra: Extra = {}) => field(name, 'phone', { length: 40, ...extra });
export const url = (name: string, extra: Extra = {}) => field(name, 'url', { length: 255, ...extra });
export const bool = (name: string, extra: Extra = {}) => field(name, 'boolean', { defaultValue: false, ...extra });
export const int = (name: string, extra: Extra = {}) => field(name, 'int', extra);
export const num = (name: string, extra: Extra = {}) => field(name, 'double', extra);
export const money = (name: string, extra: Extra = {}) => field(name, 'currency', extra);
export const date = (name: string, extra: Extra = {}) => field(name, 'date', extra);
export const datetime = (name: string, extra: Extra = {}) => field(name, 'datetime', extra);

/** A picklist; `restricted` refuses values outside the list. */
export const picklist = (name: string, values: string[], extra: Extra & { restricted?: boolean } = {}) => {
    const { restricted, ...rest } = extra;
    return field(name, 'picklist', { length: 255, picklistValues: values, restrictedPicklist: restricted ?? false, ...rest });
};

/** A lookup; the relationship name defaults to the field name without its `Id` suffix. */
export const ref = (name: string, to: string | string[], extra: Extra = {}) =>
    field(name, 'reference', {
        length: 18,
        referenceTo: Array.isArray(to) ? to : [to],
        relationshipName: name.replace(/Id$/, ''),
        ...extra
    });

/** A value the platform computes (formula, roll-up, derived status); read-only through the API. */
export const computed = (def: FieldDef): FieldDef => ({ ...def, createable: false, updateable: false, calculated: true, required: false });

/** An auto-number field (`FulfillmentOrderNumber`), assigned on insert. */
export const autoNumber = (name: string) => computed(str(name, 30));

/** Address street/city/state/postal code/country quintet, e.g. `address('Billing')`. */
export const address = (prefix: string): FieldDef[] => [
    text(`${prefix}Street`, 255),
    str(`${prefix}City`, 40),
    str(`${prefix}State`, 80),
    str(`${prefix}PostalCode`, 20),
    str(`${prefix}Country`, 80)
];

export interface ObjectSpec {
    name: string;
    keyPrefix: string;
    label?: string;
    labelPlural?: string;
    /** crud (default), `readUpdate` (Invoice, CreditMemo: created only through Connect actions), `event`. */
    access?: 'crud' | 'readUpdate' | 'event';
    /** Adds Name (string 255) unless false or a FieldDef replaces it. */
    name_?: FieldDef | false;
    /** Adds OwnerId. */
    owned?: boolean;
    fields: FieldDef[];
}

const systemFields = (): FieldDef[] => [
    computed(field('Id', 'id', { length: 18, label: 'Record ID' })),
    computed(ref('CreatedById', 'User', { relationshipName: 'CreatedBy' })),
    computed(datetime('CreatedDate')),
    computed(ref('LastModifiedById', 'User', { relationshipName: 'LastModifiedBy' })),
    computed(datetime('LastModifiedDate')),
    computed(datetime('SystemModstamp')),
    computed(bool('IsDeleted'))
];

const eventFields = (): FieldDef[] => [
    computed(str('ReplayId', 255)),
    computed(datetime('CreatedDate')),
    computed(ref('CreatedById', 'User', { relationshipName: 'CreatedBy' })),
    computed(str('EventUuid', 36))
];

/** Builds the ObjectDef for a standard object, adding the system fields every object has. */
export function defineObject(spec: ObjectSpec): ObjectDef {
    const isEvent = spec.access === 'event';
    const list: FieldDef[] = isEvent ? eventFields() : systemFields();
    if (!isEvent && spec.name_ !== false) list.push(spec.name_ ?? str('Name', 255));
    if (spec.owned) list.push(ref('OwnerId', ['User'], { relationshipName: 'Owner' }));
    list.push(...spec.fields);
    const fields: Record<string, FieldDef> = {};
    for (const f of list) fields[f.name] = f;
    const label = spec.label ?? labelOf(spec.name);
    return {
        name: spec.name,
        label,
        labelPlural: spec.labelPlural ?? `${label}s`,
        keyPrefix: spec.keyPrefix,
        fields,
        childRelationships: [],
        custom: spec.name.endsWith('__c') || spec.name.endsWith('__e'),
        isPlatformEvent: isEvent,
        createable: spec.access !== 'readUpdate',
        updateable: !isEvent,
        deletable: !isEvent && spec.access !== 'readUpdate',
        queryable: !isEvent
    };
}
