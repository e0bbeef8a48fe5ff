/**
 * OrderItemSummary quantity bookkeeping. Salesforce keeps the Quantity* fields as platform roll-ups; the
 * emulator stores the base counters (Ordered, Allocated, Fulfilled, Canceled, Returned, ReturnInitiated) and
 * derives availability and Status from them, so every action judges quantities the same way.
 * Allocated counts every unit placed on a FulfillmentOrder that is not cancelled, fulfilled ones included.
 */
import type { SObjectRecord } from '../contracts.ts';
import { num } from './som-records.ts';

export interface ItemCounters {
    QuantityOrdered: number;
    QuantityAllocated: number;
    QuantityFulfilled: number;
    QuantityCanceled: number;
    QuantityReturned: number;
    QuantityReturnInitiated: number;
}

export function countersOf(item: SObjectRecord): ItemCounters {
    return {
        QuantityOrdered: num(item, 'QuantityOrdered'),
        QuantityAllocated: num(item, 'QuantityAllocated'),
        QuantityFulfilled: num(item, 'QuantityFulfilled'),
        QuantityCanceled: num(item, 'QuantityCanceled'),
        QuantityReturned: num(item, 'QuantityReturned'),
        QuantityReturnInitiated: num(item, 'QuantityReturnInitiated')
    };
}

export function availableToFulfill(counters: ItemCounters): number {
    return Math.max(0, counters.QuantityOrdered - counters.QuantityCanceled - counters.QuantityAllocated);
}

/** Only unallocated units can be cancelled; allocated ones are first cancelled on their FulfillmentOrder. */
export function availableToCancel(counters: ItemCounters): number {
    return availableToFulfill(counters);
}

export function availableToReturn(counters: ItemCounters): number {
    return Math.max(0, counters.QuantityFulfilled - counters.QuantityReturned - counters.QuantityReturnInitiated);
}

export function itemStatus(counters: ItemCounters): string {
    const active = counters.QuantityOrdered - counters.QuantityCanceled;
    if (active <= 0) return 'CANCELED';
    if (counters.QuantityReturned > 0 && counters.QuantityReturned >= active) return 'RETURNED';
    if (counters.QuantityFulfilled >= active) return 'FULFILLED';
    if (counters.QuantityFulfilled > 0) return 'PARTIALLYFULFILLED';
    if (counters.QuantityAllocated >= active) return 'ALLOCATED';
    if (counters.QuantityAllocated > 0) return 'PARTIALLYALLOCATED';
    return 'ORDERED';
}

/**
 * The quantity fields to write on the item: the base counters and Status. The Available* fields are
 * platform-computed (read-only in the schema), so the store derives them; actions use the functions above.
 */
export function quantityFields(counters: ItemCounters): Record<string, unknown> {
    return { ...counters, Status: itemStatus(counters) };
}

/** Counters after adding `delta` to some of them. */
export function withDelta(counters: ItemCounters, delta: Partial<ItemCounters>): ItemCounters {
    const next = { ...counters };
    for (const [field, change] of Object.entries(delta) as [keyof ItemCounters, number][]) next[field] += change;
    return next;
}
