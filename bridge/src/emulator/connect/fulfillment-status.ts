/**
 * FulfillmentOrder Status → StatusCategory. Status is customizable per org; the category is fixed and is
 * what logic must key on. These are the default statuses Salesforce ships (reference §3).
 */
import { FO_STATUS_CATEGORY } from '../schema/som-order-objects.ts';

export type FulfillmentStatusCategory = 'DRAFT' | 'ACTIVATED' | 'FULFILLING' | 'CLOSED' | 'CANCELLED' | 'REJECTED';

const CATEGORY_BY_STATUS = FO_STATUS_CATEGORY as Record<string, FulfillmentStatusCategory>;

/** The category of a status; a custom status the emulator does not know counts as Fulfilling. */
export function statusCategoryOf(status: string | undefined): FulfillmentStatusCategory {
    if (status === undefined) return 'DRAFT';
    return CATEGORY_BY_STATUS[status] ?? 'FULFILLING';
}

/** Statuses a new FulfillmentOrder may start in (defaultActivationStatus must be in the Activated category). */
export function isActivationStatus(status: string): boolean {
    return CATEGORY_BY_STATUS[status] === 'ACTIVATED';
}

/** A FulfillmentOrder's category: the stored StatusCategory when the store computed one, else from Status. */
export function categoryOfRecord(fulfillmentOrder: Record<string, unknown>): FulfillmentStatusCategory {
    const stored = fulfillmentOrder.StatusCategory;
    if (typeof stored === 'string' && stored !== '') return stored.toUpperCase() as FulfillmentStatusCategory;
    return statusCategoryOf(typeof fulfillmentOrder.Status === 'string' ? fulfillmentOrder.Status : undefined);
}
