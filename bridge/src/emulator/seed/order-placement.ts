/**
 * Storefront order placement: one transaction creates the order summary (Status Created, so the bus raises
 * OrderSummaryCreatedEvent), a second approves it and routes its FulfillmentOrders (Status Allocated, raising
 * FOStatusChangedEvent and CDC events), as an order capture flow does in a real org.
 */
import type { ChangeContext, RecordStoreApi } from '../contracts.ts';
import { ensureReferenceData } from './reference-data.ts';
import { routeOrder } from './order-routing.ts';
import { mulberry32, type Random } from './seeded-random.ts';
import { insertStorefrontOrder } from './storefront-order.ts';

/** The user storefront orders are attributed to when no context is given (the emulator's automated process). */
export const STOREFRONT_CONTEXT: ChangeContext = { userId: '005000000000001AAA', api: 'com/salesforce/api/rest/66.0' };

/** Store capability that counts live records without listing them (RecordStore has it). */
interface CountingRecordStore {
    count(objectName: string): number;
}

/** Live records of an object: the store's running count when it keeps one, otherwise a scan. */
const liveCount = (store: RecordStoreApi, objectName: string) =>
    (store as Partial<CountingRecordStore>).count?.(objectName) ?? store.all(objectName).length;

export interface PlaceOrderOptions {
    /** Seed for a reproducible order; ignored when `random` is given. */
    seed?: number;
    random?: () => number;
    /** Buyer account; default a random seeded account. */
    accountId?: string;
    /** Number of order lines; default 1–4. */
    lines?: number;
    context?: ChangeContext;
}

export interface PlacedOrder {
    orderSummaryId: string;
    fulfillmentOrderIds: string[];
}

export function placeOrder(store: RecordStoreApi, options: PlaceOrderOptions = {}): PlacedOrder {
    const random: Random = options.random ?? mulberry32(options.seed ?? Date.now());
    const context = options.context ?? STOREFRONT_CONTEXT;
    if (options.lines !== undefined && (!Number.isInteger(options.lines) || options.lines < 1)) {
        throw new RangeError(`placeOrder: lines must be a positive integer, got ${options.lines}.`);
    }
    const reference = ensureReferenceData(store, random, context);
    if (options.accountId !== undefined && store.get(options.accountId) === undefined) {
        throw new RangeError(`placeOrder: no Account found with ID ${options.accountId}.`);
    }
    const orderNumber = String(liveCount(store, 'OrderSummary') + 1).padStart(8, '0');
    const order = store.transaction(context, (tx) =>
        insertStorefrontOrder(tx, random, reference, { orderNumber, orderedAt: new Date(), accountId: options.accountId, lines: options.lines })
    );
    const fulfillmentOrders = store.transaction(context, (tx) => {
        tx.update('OrderSummary', order.orderSummaryId, { Status: 'Approved' });
        return routeOrder(tx, random, reference, order);
    });
    return { orderSummaryId: order.orderSummaryId, fulfillmentOrderIds: fulfillmentOrders.map((built) => built.id) };
}
