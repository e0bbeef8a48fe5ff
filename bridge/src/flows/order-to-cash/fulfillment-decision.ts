/**
 * Decides what a Salesforce event means for the warehouse. Level-triggered on purpose: the decision
 * reads the fulfilment order as it is now, not the event's claim about it, so a replayed, reordered or
 * reconciled (synthetic) event leads to the same outcome as the original — and to nothing twice.
 */

/** What the bridge should do about one fulfilment order. */
export type FulfillmentAction =
    | { kind: 'submit'; version: number }
    | { kind: 'cancel'; version: number }
    | { kind: 'update-ship-to'; version: number }
    | { kind: 'none'; reason: string };

/** The fields of a FulfillmentOrder the decision reads. */
export interface FulfillmentOrderState {
    Id: string;
    OrderSummaryId: string;
    Status?: string | null;
    StatusCategory?: string | null;
    WMS_Order_Number__c?: string | null;
    Integration_Status__c?: string | null;
}

/** The event's facts the decision needs (already parsed from the CometD message). */
export interface EventFacts {
    channel: string;
    /** CDC: the change type and changed fields. */
    changeType?: string;
    changedFields?: string[];
    /** Epoch ms of the Salesforce commit, for versions of address changes and resends. */
    committedAt?: number;
    /** A resend request asked for this fulfilment order explicitly. */
    resendRequested?: boolean;
}

const SHIP_TO_FIELDS = /^FulfilledTo(Name|Street|City|State|PostalCode|Country|Address|EmailAddress|Phone|StateCode|CountryCode)$/;
const SENT_STATES = new Set(['Sent', 'Acknowledged', 'Picking', 'Packed', 'Shipped', 'Partially Shipped']);

function category(fo: FulfillmentOrderState): string {
    const explicit = (fo.StatusCategory ?? '').toUpperCase();
    if (explicit) return explicit;
    // Status is customisable; the defaults map to categories as documented for FulfillmentOrder.
    const status = (fo.Status ?? '').toLowerCase();
    if (status === 'allocated') return 'ACTIVATED';
    if (status === 'fulfilled') return 'CLOSED';
    if (status === 'cancelled' || status === 'canceled') return 'CANCELLED';
    if (status === 'draft') return 'DRAFT';
    return 'FULFILLING';
}

function knownToWarehouse(fo: FulfillmentOrderState): boolean {
    return Boolean(fo.WMS_Order_Number__c) || SENT_STATES.has(fo.Integration_Status__c ?? '');
}

export function decideFulfillmentAction(fo: FulfillmentOrderState, event: EventFacts): FulfillmentAction {
    const cat = category(fo);
    if (event.resendRequested) {
        if (cat === 'CLOSED' || cat === 'CANCELLED') return { kind: 'none', reason: `resend refused: the order is ${cat.toLowerCase()}` };
        return { kind: 'submit', version: event.committedAt ?? Date.now() };
    }
    if (cat === 'CANCELLED') {
        return knownToWarehouse(fo) ? { kind: 'cancel', version: 1 } : { kind: 'none', reason: 'cancelled before it reached the warehouse' };
    }
    if (cat === 'ACTIVATED' || cat === 'FULFILLING') {
        if (!knownToWarehouse(fo)) return { kind: 'submit', version: 1 };
        const shipToChanged =
            event.changeType === 'UPDATE' && (event.changedFields ?? []).some((f) => SHIP_TO_FIELDS.test(f));
        if (shipToChanged) return { kind: 'update-ship-to', version: event.committedAt ?? Date.now() };
        return { kind: 'none', reason: 'already with the warehouse' };
    }
    return { kind: 'none', reason: `nothing to do for status category ${cat}` };
}
