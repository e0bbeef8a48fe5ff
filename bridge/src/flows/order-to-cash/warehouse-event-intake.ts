/**
 * Hands every warehouse event (from the sandbox, a webhook or a poller) to the `wms-inbound` queue.
 * The event's own ID is the idempotency key, so a webhook delivered twice makes one job. The order
 * summary comes from the index written when the order was sent, so one order's events are serialized.
 */
import type { WmsEvent } from '../../model/index.ts';
import type { JobProducer } from '../../queue/job-producer.ts';
import { orderIndexKey, type OrderToCashDeps } from './order-to-cash-deps.ts';

const KIND: Record<WmsEvent['type'], 'acknowledged' | 'picked' | 'packed' | 'shipped' | 'short-picked'> = {
    acknowledged: 'acknowledged',
    picked: 'picked',
    packed: 'packed',
    shipped: 'shipped',
    short_picked: 'short-picked'
};

/** Fulfilment orders whose order summary is remembered in memory (an order's events arrive close together). */
const REMEMBERED_ORDERS = 10_000;

export function connectWarehouseEvents(deps: OrderToCashDeps, producer: JobProducer): () => void {
    // A fulfilment order never changes its order summary, so a found pair can be kept; misses are asked again.
    const known = new Map<string, string>();
    const orderSummaryOf = async (foId: string): Promise<string | undefined> => {
        const cached = known.get(foId);
        if (cached) return cached;
        const found = await deps.redis.hget(orderIndexKey(deps.prefix), foId);
        if (!found) return undefined;
        if (known.size >= REMEMBERED_ORDERS) known.delete(known.keys().next().value as string);
        known.set(foId, found);
        return found;
    };
    return deps.wms.events.onEvent(async (event) => {
        const orderSummaryId = await orderSummaryOf(event.fulfillmentOrderId);
        await producer.enqueue(
            'wms-inbound',
            'wms.event',
            {
                kind: KIND[event.type],
                warehouseEventId: event.eventId,
                fulfillmentOrderId: event.fulfillmentOrderId,
                ...(orderSummaryId ? { orderSummaryId } : {}),
                data: event as unknown as Record<string, unknown>
            },
            { correlationId: `wms-${event.wmsOrderNumber}`, orderKey: orderSummaryId ?? event.fulfillmentOrderId }
        );
    });
}
