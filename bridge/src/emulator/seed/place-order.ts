/** Storefront order placement and the rate-driven order feeder (see order-placement.ts, order-feeder.ts). */
export { placeOrder, STOREFRONT_CONTEXT, type PlaceOrderOptions, type PlacedOrder } from './order-placement.ts';
export { OrderFeeder, type OrderFeederOptions } from './order-feeder.ts';
