/**
 * The ProcessException record a published ProcessExceptionEvent creates (the event supports create(),
 * per the ProcessExceptionEvent reference). Category follows the exception type; Status starts New.
 */
import type { ObjectDef } from '../contracts.ts';

/** ExceptionType (as documented for ProcessExceptionEvent) → ProcessException.Category. */
const CATEGORY_BY_EXCEPTION_TYPE: Record<string, string> = {
    'OM Capture Failed': 'Payment',
    'OM Apply Failed': 'Payment',
    'OM Refund Failed': 'Payment',
    'OM RMA Failed': 'Returns',
    'Place Order Failed': 'Order Activation'
};

const COPIED_FIELDS = ['AttachedToId', 'OrderSummaryId', 'Message', 'Description', 'Severity', 'ExternalReference', 'BackgroundOperationId'];

function allowed(def: ObjectDef | undefined, field: string, value: unknown): boolean {
    if (!def) return true;
    const fieldDef = def.fields[field];
    if (!fieldDef) return false;
    if (fieldDef.type === 'picklist' && fieldDef.restrictedPicklist && typeof value === 'string') {
        return (fieldDef.picklistValues ?? []).includes(value);
    }
    return true;
}

/**
 * Fields for the ProcessException insert. Only fields the ProcessException definition has are set,
 * so a leaner schema never turns a valid event into an INVALID_FIELD error.
 */
export function processExceptionFields(eventPayload: Record<string, unknown>, def: ObjectDef | undefined): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const name of COPIED_FIELDS) {
        const value = eventPayload[name];
        if (value !== undefined && value !== null && allowed(def, name, value)) fields[name] = value;
    }
    const exceptionType = typeof eventPayload.ExceptionType === 'string' ? eventPayload.ExceptionType : undefined;
    const candidates = [exceptionType && CATEGORY_BY_EXCEPTION_TYPE[exceptionType], 'Fulfillment'];
    const category = candidates.find((value) => value && allowed(def, 'Category', value));
    if (category) fields.Category = category;
    if (allowed(def, 'Status', 'New')) fields.Status = 'New';
    if (exceptionType && allowed(def, 'ExceptionType', exceptionType)) fields.ExceptionType = exceptionType;
    return fields;
}
