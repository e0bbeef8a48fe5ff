/**
 * POST .../order-summaries/{osId}/actions/preview-cancel | submit-cancel | preview-return | submit-return.
 * Previews compute the Change Item Output without writing; submits also write the change order. A submitted
 * return here is a "simple return": it makes a change order but no ReturnOrder.
 */
import type { Request } from 'express';
import type { ConnectDeps } from './connect-deps.ts';
import type { ConnectResult } from './connect-outcome.ts';
import type { ConnectAction } from './connect-route.ts';
import { planChange, readChangeInput, type ChangeKind } from './change-plan.ts';
import { writeChangeOrder } from './change-order-writer.ts';
import { pathRecord } from './path-record.ts';

function reasonsOf(deps: ConnectDeps): string[] | undefined {
    return deps.schema.get('OrderItemSummaryChange')?.fields.Reason?.picklistValues;
}

export function previewChangeAction(deps: ConnectDeps, kind: ChangeKind): ConnectAction {
    return {
        failedOutput: { orderSummaryId: null, changeBalances: null },
        run(req: Request): ConnectResult {
            const requests = readChangeInput(req.body, reasonsOf(deps));
            const orderSummary = pathRecord(deps, 'OrderSummary', req.params.osId);
            const plan = planChange(deps.store, orderSummary, kind, requests);
            return { status: 200, output: { orderSummaryId: orderSummary.Id, changeBalances: plan.balances } };
        }
    };
}

export function submitChangeAction(deps: ConnectDeps, kind: ChangeKind): ConnectAction {
    return {
        failedOutput: { changeOrderId: null, changeBalances: null },
        run(req: Request): ConnectResult {
            const requests = readChangeInput(req.body, reasonsOf(deps));
            const orderSummary = pathRecord(deps, 'OrderSummary', req.params.osId);
            const plan = planChange(deps.store, orderSummary, kind, requests);
            const changeOrderId = deps.store.transaction(deps.contextFor(req), (tx) => writeChangeOrder(tx, plan));
            return { status: 201, output: { changeOrderId, changeBalances: plan.balances } };
        }
    };
}
