/**
 * The Order Management Connect REST resources, mounted on a router that serves `/services/data/:version`.
 * Each resource is one action file; this module only wires paths to them.
 */
import type { Router } from 'express';
import type { ConnectDeps } from './connect-deps.ts';
import { connectHandler, type ConnectAction } from './connect-route.ts';
import { cancelItemAction } from './cancel-item.action.ts';
import { previewChangeAction, submitChangeAction } from './change-order.actions.ts';
import { createCreditMemoAction } from './credit-memo.action.ts';
import { createInvoiceAction } from './create-invoice.action.ts';
import { createFulfillmentOrdersAction, createMultipleFulfillmentOrdersAction } from './fulfillment-orders.action.ts';
import { ensureFundsAction, ensureRefundsAction } from './payment.actions.ts';
import { createReturnOrderAction, returnItemsAction } from './return-order.actions.ts';

export type { ConnectDeps } from './connect-deps.ts';

const FULFILLMENT = '/commerce/fulfillment';
const ORDER_SUMMARY = '/commerce/order-management/order-summaries/:osId';
const RETURNS = '/commerce/returns/return-orders';

export function registerConnectRoutes(router: Router, deps: ConnectDeps): void {
    const routes: [string, ConnectAction][] = [
        [`${FULFILLMENT}/fulfillment-orders`, createFulfillmentOrdersAction(deps)],
        [`${FULFILLMENT}/actions/create-multiple`, createMultipleFulfillmentOrdersAction(deps)],
        [`${FULFILLMENT}/fulfillment-orders/:foId/actions/cancel-item`, cancelItemAction(deps)],
        [`${FULFILLMENT}/fulfillment-orders/:foId/actions/create-invoice`, createInvoiceAction(deps)],
        [`${ORDER_SUMMARY}/actions/create-credit-memo`, createCreditMemoAction(deps)],
        [`${ORDER_SUMMARY}/async-actions/ensure-funds-async`, ensureFundsAction(deps)],
        [`${ORDER_SUMMARY}/async-actions/ensure-refunds-async`, ensureRefundsAction(deps)],
        [`${ORDER_SUMMARY}/actions/preview-cancel`, previewChangeAction(deps, 'cancel')],
        [`${ORDER_SUMMARY}/actions/submit-cancel`, submitChangeAction(deps, 'cancel')],
        [`${ORDER_SUMMARY}/actions/preview-return`, previewChangeAction(deps, 'return')],
        [`${ORDER_SUMMARY}/actions/submit-return`, submitChangeAction(deps, 'return')],
        [RETURNS, createReturnOrderAction(deps)],
        [`${RETURNS}/:roId/actions/return-items`, returnItemsAction(deps)]
    ];
    for (const [path, action] of routes) router.post(path, connectHandler(action, deps.onUnexpectedError));
}
