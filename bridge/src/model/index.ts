/** The canonical, system-neutral model. */
export * from './common.ts';
export * from './fulfillment-order.ts';
export * from './shipment.ts';
export * from './invoice.ts';
export * from './credit-memo.ts';
export * from './inventory-position.ts';
export * from './acknowledgements.ts';
export * from './wms-event.ts';
