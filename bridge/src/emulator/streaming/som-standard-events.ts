/**
 * The standard Order Management platform events a committed transaction raises (Order Management
 * Developer Guide, "Platform Events"): OrderSummaryCreatedEvent, OrderSumStatusChangedEvent,
 * FOStatusChangedEvent (on creation and on every Status change) and FulfillOrdItemQtyChgEvent.
 * Pure: the bus publishes what this returns.
 */
import type { CommittedTransaction, RecordChange } from '../contracts.ts';
import { FO_STATUS_CATEGORY } from '../schema/som-order-objects.ts';

export interface StandardEvent {
    eventName: string;
    payload: Record<string, unknown>;
}


const valueOf = (record: Record<string, unknown> | undefined, field: string) => (record ? (record[field] ?? null) : null);

function statusCategory(record: Record<string, unknown> | undefined): unknown {
    if (!record) return null;
    const stored = record.StatusCategory;
    if (stored !== undefined && stored !== null) return stored;
    const status = record.Status;
    return typeof status === 'string' ? (FO_STATUS_CATEGORY[status] ?? null) : null;
}

const changed = (change: RecordChange, field: string) =>
    change.changedFields.includes(field) && valueOf(change.before, field) !== valueOf(change.after, field);

function orderSummaryEvents(change: RecordChange): StandardEvent[] {
    const ids = { OrderSummaryId: change.recordId, OrderId: valueOf(change.after, 'OriginalOrderId') };
    if (change.changeType === 'CREATE') return [{ eventName: 'OrderSummaryCreatedEvent', payload: ids }];
    if (change.changeType === 'UPDATE' && changed(change, 'Status')) {
        return [
            {
                eventName: 'OrderSumStatusChangedEvent',
                payload: { ...ids, OldStatus: valueOf(change.before, 'Status'), NewStatus: valueOf(change.after, 'Status') }
            }
        ];
    }
    return [];
}

function fulfillmentOrderEvents(change: RecordChange): StandardEvent[] {
    const isCreate = change.changeType === 'CREATE';
    if (!isCreate && !(change.changeType === 'UPDATE' && changed(change, 'Status'))) return [];
    const before = isCreate ? undefined : change.before;
    return [
        {
            eventName: 'FOStatusChangedEvent',
            payload: {
                FulfillmentOrderId: change.recordId,
                OrderSummaryId: valueOf(change.after, 'OrderSummaryId'),
                OldStatus: valueOf(before, 'Status'),
                NewStatus: valueOf(change.after, 'Status'),
                OldStatusCategory: statusCategory(before),
                NewStatusCategory: statusCategory(change.after)
            }
        }
    ];
}

function lineItemEvents(change: RecordChange): StandardEvent[] {
    if (change.changeType !== 'UPDATE' || !changed(change, 'Quantity')) return [];
    return [
        {
            eventName: 'FulfillOrdItemQtyChgEvent',
            payload: {
                FulfillmentOrderLineItemId: change.recordId,
                FulfillmentOrderId: valueOf(change.after, 'FulfillmentOrderId'),
                OrderItemSummaryId: valueOf(change.after, 'OrderItemSummaryId'),
                OldQuantity: valueOf(change.before, 'Quantity'),
                NewQuantity: valueOf(change.after, 'Quantity')
            }
        }
    ];
}

/** Standard events for `transaction`, in the order of its changes. */
export function standardEventsFor(transaction: CommittedTransaction): StandardEvent[] {
    const events: StandardEvent[] = [];
    for (const change of transaction.changes) {
        if (change.objectName === 'OrderSummary') events.push(...orderSummaryEvents(change));
        else if (change.objectName === 'FulfillmentOrder') events.push(...fulfillmentOrderEvents(change));
        else if (change.objectName === 'FulfillmentOrderLineItem') events.push(...lineItemEvents(change));
    }
    return events;
}
