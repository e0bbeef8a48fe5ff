/**
 * Seeds a realistic Order Management org, deterministically from a seed: reference data, then `orders`
 * storefront orders taken through the lifecycle — some still Allocated, some picking, some Fulfilled with a
 * Shipment (half of those invoiced), some Cancelled. Orders are written in chunks of transactions so 1,000
 * orders seed in a few seconds while every record still goes through the store's validation and commit path.
 */
import type { ChangeContext, RecordStoreApi, TransactionApi } from '../contracts.ts';
import type { BuiltFulfillmentOrder } from '../connect/fulfillment-order-builder.ts';
import { advanceFulfillmentOrder, type LifecycleStage } from './order-lifecycle.ts';
import { STOREFRONT_CONTEXT } from './order-placement.ts';
import { routeOrder } from './order-routing.ts';
import { insertReferenceData, type ReferenceData } from './reference-data.ts';
import { mulberry32, type Random } from './seeded-random.ts';
import { insertStorefrontOrder } from './storefront-order.ts';

export interface SeedOptions {
    /** PRNG seed: the same seed and size give the same data. */
    seed: number;
    /** Number of order summaries to create (0 or more). */
    orders: number;
    context?: ChangeContext;
}

/** What the seed created: reference record IDs and counts per lifecycle stage. */
export interface SeedSummary extends ReferenceData {
    seed: number;
    orderSummaryIds: string[];
    fulfillmentOrderIds: string[];
    /** Number of FulfillmentOrders per stage. */
    stages: Record<LifecycleStage, number>;
    invoiceCount: number;
    shipmentCount: number;
}

const ORDERS_PER_TRANSACTION = 50;
/** Seeded orders are spread over the 90 days before this instant, so dates never depend on the clock. */
const SEED_EPOCH = Date.UTC(2026, 9, 1);

export function seedOrg(store: RecordStoreApi, options: SeedOptions): SeedSummary {
    if (!Number.isInteger(options.seed)) throw new RangeError(`seedOrg: seed must be an integer, got ${options.seed}.`);
    if (!Number.isInteger(options.orders) || options.orders < 0) throw new RangeError(`seedOrg: orders must be a non-negative integer, got ${options.orders}.`);
    const random = mulberry32(options.seed);
    const context = options.context ?? STOREFRONT_CONTEXT;
    const reference = store.transaction(context, (tx) => insertReferenceData(tx, random, 40));
    const summary: SeedSummary = {
        ...reference,
        seed: options.seed,
        orderSummaryIds: [],
        fulfillmentOrderIds: [],
        stages: { allocated: 0, fulfilling: 0, fulfilled: 0, invoiced: 0, cancelled: 0 },
        invoiceCount: 0,
        shipmentCount: 0
    };
    const firstOrderNumber = store.all('OrderSummary').length + 1;
    for (let start = 0; start < options.orders; start += ORDERS_PER_TRANSACTION) {
        const end = Math.min(options.orders, start + ORDERS_PER_TRANSACTION);
        store.transaction(context, (tx) => {
            for (let index = start; index < end; index++) seedOneOrder(tx, random, reference, firstOrderNumber + index, summary);
        });
    }
    return summary;
}

function seedOneOrder(tx: TransactionApi, random: Random, reference: ReferenceData, orderNumber: number, summary: SeedSummary): void {
    const orderedAt = new Date(SEED_EPOCH - Math.floor(random() * 90 * 86_400_000));
    const order = insertStorefrontOrder(tx, random, reference, { orderNumber: String(orderNumber).padStart(8, '0'), orderedAt });
    const fulfillmentOrders: BuiltFulfillmentOrder[] = routeOrder(tx, random, reference, order);
    let allClosed = true;
    for (const fulfillmentOrder of fulfillmentOrders) {
        const stage = pickStage(random);
        const outcome = advanceFulfillmentOrder(tx, random, fulfillmentOrder, stage, orderedAt);
        summary.stages[stage]++;
        summary.shipmentCount += outcome.shipments;
        summary.invoiceCount += outcome.invoices;
        summary.fulfillmentOrderIds.push(fulfillmentOrder.id);
        if (stage !== 'fulfilled' && stage !== 'invoiced' && stage !== 'cancelled') allClosed = false;
    }
    tx.update('OrderSummary', order.orderSummaryId, { Status: allClosed ? 'Fulfilled' : 'Approved' });
    summary.orderSummaryIds.push(order.orderSummaryId);
}

/** Roughly: 35% allocated, 15% being picked, 20% fulfilled, 20% fulfilled and invoiced, 10% cancelled. */
function pickStage(random: Random): LifecycleStage {
    const roll = random();
    if (roll < 0.35) return 'allocated';
    if (roll < 0.5) return 'fulfilling';
    if (roll < 0.7) return 'fulfilled';
    if (roll < 0.9) return 'invoiced';
    return 'cancelled';
}
