/**
 * Reads the facts of a queued Salesforce event: which fulfilment orders it concerns and what changed.
 * Events that concern no fulfilment order (or that the flow does not act on) say so, with the reason.
 */
import type { EventFacts } from './fulfillment-decision.ts';

export interface QueuedSalesforceEvent {
    channel: string;
    recordId?: string;
    payload: Record<string, unknown>;
    committedAt?: number;
}

export interface EventSubject {
    fulfillmentOrderIds: string[];
    orderSummaryId?: string;
    facts: EventFacts;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function header(payload: Record<string, unknown>): Record<string, unknown> {
    const h = payload.ChangeEventHeader;
    return h && typeof h === 'object' ? (h as Record<string, unknown>) : {};
}

export function subjectOf(event: QueuedSalesforceEvent): EventSubject | { ignored: string } {
    const p = event.payload;
    const committedAt = event.committedAt;
    if (event.channel.endsWith('/FOStatusChangedEvent')) {
        const foId = str(p.FulfillmentOrderId);
        if (!foId) return { ignored: 'FOStatusChangedEvent without FulfillmentOrderId' };
        // Only allocation and cancellation concern the warehouse; other moves (often the bridge's own
        // Fulfilled) need no read of the order. Without a category the order is read and decided on.
        const category = str(p.NewStatusCategory)?.toUpperCase();
        if (category && category !== 'ACTIVATED' && category !== 'CANCELLED') {
            return { ignored: `fulfillment order moved to ${str(p.NewStatus) ?? category}: nothing for the warehouse` };
        }
        return { fulfillmentOrderIds: [foId], orderSummaryId: str(p.OrderSummaryId), facts: { channel: event.channel, committedAt } };
    }
    if (event.channel.endsWith('/OMS_Resend_Request__e')) {
        const foId = str(p.Fulfillment_Order_Id__c);
        const osId = str(p.Order_Summary_Id__c);
        if (!foId && !osId) return { ignored: 'resend request names neither a fulfillment order nor an order summary' };
        return {
            fulfillmentOrderIds: foId ? [foId] : [],
            orderSummaryId: osId,
            facts: { channel: event.channel, committedAt, resendRequested: true }
        };
    }
    const h = header(p);
    if (h.entityName === 'FulfillmentOrder' || event.channel.endsWith('/FulfillmentOrderChangeEvent')) {
        const ids = event.recordId ? [event.recordId] : Array.isArray(h.recordIds) ? (h.recordIds as string[]) : [];
        if (!ids.length) return { ignored: 'FulfillmentOrder change event without record IDs' };
        const changeType = str(h.changeType);
        if (changeType === 'DELETE' || changeType === 'GAP_DELETE') return { ignored: `fulfillment order ${changeType.toLowerCase()}` };
        return {
            fulfillmentOrderIds: ids,
            orderSummaryId: str(p.OrderSummaryId),
            facts: {
                channel: event.channel,
                changeType: changeType?.replace(/^GAP_/, ''),
                changedFields: Array.isArray(h.changedFields) ? (h.changedFields as string[]) : undefined,
                committedAt: typeof h.commitTimestamp === 'number' ? h.commitTimestamp : committedAt
            }
        };
    }
    return { ignored: `no order-to-cash action for ${event.channel}` };
}

/**
 * Why order to cash has nothing to do with an event, judged from the event alone, or undefined when it
 * may act. Intake checkpoints such events without queueing a job (unless `intake.queueIgnoredEvents`).
 */
export function orderToCashIgnores(event: QueuedSalesforceEvent): string | undefined {
    const subject = subjectOf(event);
    return 'ignored' in subject ? subject.ignored : undefined;
}
