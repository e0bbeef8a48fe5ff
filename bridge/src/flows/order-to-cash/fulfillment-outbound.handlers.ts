/**
 * `wms.submit`, `wms.cancel`, `wms.update-ship-to`: the calls that send fulfilment work to the warehouse,
 * each with the job's idempotency key, followed by the write-back of what the warehouse answered.
 */
import { PermanentError } from '../../errors/index.ts';
import type { JobHandler } from '../../queue/job-handler.ts';
import { callAdapter } from './adapter-failure.ts';
import { loadFulfillmentOrder } from './fulfillment-order-loader.ts';
import { integrationLadderKey, LADDER_TTL_SECONDS, type OrderToCashDeps } from './order-to-cash-deps.ts';
import { assertWritten } from './writeback-result.ts';

export function submitHandler(deps: OrderToCashDeps): JobHandler<'wms.submit'> {
    return async (_job, ctx) => {
        const foId = ctx.payload.fulfillmentOrderId;
        const { model } = await loadFulfillmentOrder(deps, foId, ctx.correlationId);
        const result = await callAdapter(foId, () =>
            deps.wms.submitFulfillmentOrder(model, { idempotencyKey: ctx.idempotencyKey, correlationId: ctx.correlationId, signal: ctx.signal })
        );
        if (!result.accepted) {
            throw new PermanentError('REJECTED', `The warehouse refused fulfillment order ${model.number}: ${result.reason ?? 'no reason given'}`, {
                context: { recordId: foId, adapter: deps.wms.name }
            });
        }
        deps.progress?.milestone('sent-to-wms', { fulfillmentOrderId: foId, orderSummaryId: ctx.payload.orderSummaryId });
        const written = await deps.writer.update('FulfillmentOrder', {
            Id: foId,
            ...(result.wmsOrderNumber ? { WMS_Order_Number__c: result.wmsOrderNumber } : {}),
            Integration_Status__c: 'Sent',
            Last_Sync_Time__c: new Date().toISOString(),
            Last_Integration_Error__c: null,
            Correlation_Id__c: ctx.correlationId
        });
        assertWritten(written, `the WMS order number of ${model.number}`);
        // A (re)submission starts the warehouse's round again: the ladder follows what Salesforce now shows,
        // so the acknowledgement of a resent order is written and stops the clock started here.
        await deps.redis.set(integrationLadderKey(deps.prefix, foId), 'Sent', 'EX', LADDER_TTL_SECONDS);
        await deps.sla?.start('ack', foId, ctx.payload.orderSummaryId);
        return { wmsOrderNumber: result.wmsOrderNumber };
    };
}

export function cancelHandler(deps: OrderToCashDeps): JobHandler<'wms.cancel'> {
    return async (_job, ctx) => {
        const foId = ctx.payload.fulfillmentOrderId;
        const record = await deps.som.getFulfillmentOrder(foId);
        const wmsOrderNumber = typeof record?.WMS_Order_Number__c === 'string' ? record.WMS_Order_Number__c : undefined;
        const result = await callAdapter(foId, () =>
            deps.wms.cancelFulfillmentOrder({ fulfillmentOrderId: foId, wmsOrderNumber }, { idempotencyKey: ctx.idempotencyKey, correlationId: ctx.correlationId, signal: ctx.signal })
        );
        if (result.status === 'too_late') {
            // The goods are already picked: saying "cancelled" would be a lie, so a person must decide.
            // Kept short: the ProcessException Message (255 characters) must still hold the advice.
            throw new PermanentError(
                'REJECTED',
                `${String(record?.FulfillmentOrderNumber ?? foId)} was cancelled after the warehouse ${result.stage} it: stop the parcel or process a return.`,
                { context: { recordId: foId, adapter: deps.wms.name } }
            );
        }
        assertWritten(
            await deps.writer.update('FulfillmentOrder', { Id: foId, Last_Sync_Time__c: new Date().toISOString() }),
            'the cancellation sync time'
        );
        deps.progress?.milestone('cancelled-in-wms', { fulfillmentOrderId: foId });
        return { cancelled: true };
    };
}

export function updateShipToHandler(deps: OrderToCashDeps): JobHandler<'wms.update-ship-to'> {
    return async (_job, ctx) => {
        const foId = ctx.payload.fulfillmentOrderId;
        const { record, model } = await loadFulfillmentOrder(deps, foId, ctx.correlationId);
        const wmsOrderNumber = typeof record.WMS_Order_Number__c === 'string' ? record.WMS_Order_Number__c : undefined;
        const result = await callAdapter(foId, () =>
            deps.wms.updateShipTo({ fulfillmentOrderId: foId, wmsOrderNumber }, model.shipTo, { idempotencyKey: ctx.idempotencyKey, correlationId: ctx.correlationId, signal: ctx.signal })
        );
        if (result.status === 'too_late') {
            throw new PermanentError(
                'REJECTED',
                `${model.number}: ship-to changed after the warehouse ${result.stage} it: ask the carrier to redirect the parcel.`,
                { context: { recordId: foId, adapter: deps.wms.name } }
            );
        }
        assertWritten(await deps.writer.update('FulfillmentOrder', { Id: foId, Last_Sync_Time__c: new Date().toISOString() }), 'the address sync time');
        return { updated: true };
    };
}
