/**
 * `sf.event`: turns a queued Salesforce event into warehouse work. Reads each fulfilment order it
 * concerns (coalesced with other reads) and enqueues the decided action with a deterministic key, so a
 * replayed or duplicated event enqueues nothing new.
 */
import { PermanentError } from '../../errors/index.ts';
import type { JobHandler } from '../../queue/job-handler.ts';
import { decideFulfillmentAction, type FulfillmentOrderState } from './fulfillment-decision.ts';
import { orderIndexKey, shortPickedOutKey, type OrderToCashDeps } from './order-to-cash-deps.ts';
import { subjectOf } from './salesforce-event-facts.ts';

const JOB_FOR = { submit: 'wms.submit', cancel: 'wms.cancel', 'update-ship-to': 'wms.update-ship-to' } as const;

export function salesforceEventHandler(deps: OrderToCashDeps): JobHandler<'sf.event'> {
    return async (_job, ctx) => {
        deps.progress?.milestone('event-received');
        const subject = subjectOf(ctx.payload);
        if ('ignored' in subject) return { ignored: subject.ignored };
        let foIds = subject.fulfillmentOrderIds;
        if (!foIds.length && subject.orderSummaryId) {
            const rows = await deps.som.queryAll<{ Id: string }>(
                `SELECT Id FROM FulfillmentOrder WHERE OrderSummaryId = '${subject.orderSummaryId}' AND StatusCategory IN ('ACTIVATED', 'FULFILLING')`
            );
            foIds = rows.map((r) => r.Id);
        }
        const outcomes: Record<string, string> = {};
        for (const foId of foIds) {
            const fo = (await deps.som.getFulfillmentOrder(foId)) as FulfillmentOrderState | undefined;
            if (!fo) throw new PermanentError('NOT_FOUND', `FulfillmentOrder ${foId} named by an event on ${ctx.payload.channel} does not exist`, { context: { recordId: foId } });
            const action = decideFulfillmentAction(fo, subject.facts);
            if (action.kind === 'none') {
                outcomes[foId] = action.reason;
                continue;
            }
            if (action.kind === 'cancel' && (await deps.redis.hexists(shortPickedOutKey(deps.prefix), fo.Id))) {
                outcomes[foId] = 'cancelled by the bridge after the warehouse short-picked every unit';
                continue;
            }
            await deps.redis.hset(orderIndexKey(deps.prefix), fo.Id, fo.OrderSummaryId);
            const jobType = JOB_FOR[action.kind];
            await ctx.enqueue('wms-outbound', jobType, {
                fulfillmentOrderId: fo.Id,
                orderSummaryId: fo.OrderSummaryId,
                version: action.version,
                committedAt: ctx.payload.committedAt
            });
            outcomes[foId] = jobType;
        }
        return outcomes;
    };
}
