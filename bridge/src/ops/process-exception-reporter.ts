/**
 * Tells people about failures where they work: in Salesforce Order Management, as ProcessException
 * records on the order summary / fulfillment order / invoice. The pipeline calls `raise` when a job is
 * dead-lettered and `resolve` when a job with the same idempotency key later succeeds.
 */

/** Values of the ProcessException `Category` picklist the bridge uses. */
export type ProcessExceptionCategory = 'Fulfillment' | 'Invoicing' | 'Payment' | 'Order Activation';

export interface ProcessExceptionInput {
    orderSummaryId: string;
    /** Record the exception shows on (FulfillmentOrder, Invoice, CreditMemo...); defaults to the order summary. */
    attachedToId?: string;
    category: ProcessExceptionCategory;
    severity: 'High' | 'Low';
    /** What is wrong and what to do, at most 255 characters (Salesforce's limit for Message). */
    message: string;
    /** Details: job, attempts, error codes, how to redrive. */
    description?: string;
    /** The job's idempotency key: finds the exception again to update or resolve it. */
    externalReference: string;
}

export interface ProcessExceptionReporter {
    /** Creates the exception, or refreshes the open one with the same external reference. Returns its ID. */
    raise(input: ProcessExceptionInput): Promise<{ id: string }>;
    /** Marks open exceptions with this external reference Resolved; returns how many were resolved. */
    resolve(externalReference: string): Promise<number>;
}

export const MESSAGE_MAX = 255;

/** Salesforce refuses a Message over 255 characters; keep the start, which says what is wrong. */
export function fitMessage(message: string): string {
    const flat = message.replace(/\s+/g, ' ').trim();
    return flat.length <= MESSAGE_MAX ? flat : `${flat.slice(0, MESSAGE_MAX - 1)}…`;
}
