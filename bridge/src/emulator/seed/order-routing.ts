/**
 * Routes a placed order to warehouses the way a simple routing flow does: everything from one warehouse, or
 * (about one order in four with several lines) split across two warehouses.
 */
import type { TransactionApi } from '../contracts.ts';
import { buildFulfillmentOrders, type BuiltFulfillmentOrder } from '../connect/fulfillment-order-builder.ts';
import { pickDistinct, type Random } from './seeded-random.ts';
import type { ReferenceData } from './reference-data.ts';
import type { StorefrontOrder } from './storefront-order.ts';

export function routeOrder(tx: TransactionApi, random: Random, reference: ReferenceData, order: StorefrontOrder): BuiltFulfillmentOrder[] {
    const split = order.itemSummaries.length > 1 && reference.warehouseIds.length > 1 && random() < 0.25;
    const [first, second] = pickDistinct(random, reference.warehouseIds, split ? 2 : 1);
    const cut = split ? Math.ceil(order.itemSummaries.length / 2) : order.itemSummaries.length;
    const groups = [order.itemSummaries.slice(0, cut), order.itemSummaries.slice(cut)]
        .map((items, index) => ({ items, locationId: index === 0 ? first : second }))
        .filter((group) => group.items.length > 0)
        .map((group) => ({
            fulfilledFromLocationId: group.locationId,
            fulfillmentType: 'Warehouse',
            items: group.items.map((item) => ({ orderItemSummaryId: item.id, quantity: item.quantity }))
        }));
    return buildFulfillmentOrders(tx, {
        orderSummaryId: order.orderSummaryId,
        orderDeliveryGroupSummaryId: order.deliveryGroupId,
        status: 'Allocated',
        groups
    });
}
