/**
 * `wms.event`: applies one warehouse event to Salesforce. Progress events move the fulfilment order's
 * integration status; a shipment becomes Shipment + ShipmentItems upserted by the warehouse's IDs (a
 * duplicate confirmation updates, never duplicates), and the last parcel closes the fulfilment order
 * and starts invoicing; a short pick cancels the missing quantity (or only reports it, per config).
 */
import { PermanentError } from '../../errors/index.ts';
import { wmsEventSchema, type ShippedEvent, type ShortPickedEvent } from '../../model/index.ts';
import { shipmentToSalesforce } from '../../mappings/salesforce/shipment-to-salesforce.ts';
import type { JobContext, JobHandler } from '../../queue/job-handler.ts';
import { loadFulfillmentOrder } from './fulfillment-order-loader.ts';
import { movesForward } from './integration-status.ts';
import { integrationLadderKey, LADDER_TTL_SECONDS, shortPickedOutKey, type OrderToCashDeps } from './order-to-cash-deps.ts';
import { assertWritten } from './writeback-result.ts';

const PROGRESS_STATUS = { acknowledged: 'Acknowledged', picked: 'Picking', packed: 'Packed' } as const;

export function warehouseEventHandler(deps: OrderToCashDeps): JobHandler<'wms.event'> {
    return async (_job, ctx) => {
        const parsed = wmsEventSchema.safeParse(ctx.payload.data);
        if (!parsed.success) {
            const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
            throw new PermanentError('VALIDATION_FAILED', `Warehouse event ${ctx.payload.warehouseEventId} is malformed: ${problems}`);
        }
        const event = parsed.data;
        switch (event.type) {
            case 'acknowledged':
            case 'picked':
            case 'packed':
                return applyProgress(deps, event.fulfillmentOrderId, PROGRESS_STATUS[event.type], event.wmsOrderNumber, ctx);
            case 'shipped':
                return applyShipment(deps, event, ctx);
            case 'short_picked':
                return applyShortPick(deps, event, ctx);
        }
    };
}

async function applyProgress(deps: OrderToCashDeps, foId: string, status: string, wmsOrderNumber: string, ctx: JobContext<'wms.event'>) {
    // The ladder position is kept in Redis (jobs of one order never overlap), which spares a Salesforce
    // read per warehouse event; it is advanced only after the write succeeded, so a retry writes again.
    const ladderKey = integrationLadderKey(deps.prefix, foId);
    const current = await deps.redis.get(ladderKey);
    // Any sign of life from the warehouse meets the acknowledgement deadline; once the ladder has moved,
    // an earlier event already stopped that clock.
    if (!current || current === 'Sent') await deps.sla?.complete('ack', foId);
    if (!movesForward(current, status)) return { skipped: `already ${current}` };
    const result = await deps.writer.update('FulfillmentOrder', {
        Id: foId,
        Integration_Status__c: status,
        WMS_Order_Number__c: wmsOrderNumber,
        Last_Sync_Time__c: new Date().toISOString(),
        Correlation_Id__c: ctx.correlationId
    });
    assertWritten(result, `the ${status} status of fulfillment order ${foId}`);
    await deps.redis.set(ladderKey, status, 'EX', LADDER_TTL_SECONDS);
    if (status === 'Acknowledged') deps.progress?.milestone('acknowledged', { fulfillmentOrderId: foId });
    return { status };
}

async function applyShipment(deps: OrderToCashDeps, event: ShippedEvent, ctx: JobContext<'wms.event'>) {
    const foId = event.fulfillmentOrderId;
    await deps.sla?.complete('ack', foId);
    const { record, model } = await loadFulfillmentOrder(deps, foId, ctx.correlationId);
    await deps.sla?.start('writeback', foId, model.orderSummaryId);
    const mapped = shipmentToSalesforce(event.shipment, model, deps.mapping);
    if (!mapped.ok) {
        const problems = mapped.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        throw new PermanentError('MAPPING_FAILED', `Shipment ${event.shipment.wmsShipmentId} for ${model.number} cannot be recorded: ${problems}`, { context: { recordId: foId } });
    }
    const { shipment, items, completesOrder } = mapped.value;
    const { attributes: _a, ...shipmentFields } = shipment;
    const shipmentWrite = await deps.writer.upsert('Shipment', 'WMS_Shipment_Id__c', shipmentFields);
    const shipmentId = assertWritten(shipmentWrite, `shipment ${event.shipment.wmsShipmentId}`);
    deps.progress?.milestone('shipped', { fulfillmentOrderId: foId });
    // ShipmentItem.ShipmentId can be set on create only: items a repeated confirmation already wrote are
    // updated without it (Salesforce refuses the whole record otherwise).
    const written = shipmentWrite.created === false ? await existingShipmentItems(deps, shipmentId) : new Set<string>();
    await Promise.all(
        items.map(async ({ attributes: _i, Shipment: _parent, ...item }) =>
            assertWritten(
                await deps.writer.upsert('ShipmentItem', 'WMS_Shipment_Item_Id__c', written.has(item.WMS_Shipment_Item_Id__c) ? item : { ...item, ShipmentId: shipmentId }),
                `shipment item ${item.WMS_Shipment_Item_Id__c}`
            )
        )
    );
    const alreadyClosed = String(record.StatusCategory ?? '').toUpperCase() === 'CLOSED';
    const status = completesOrder ? 'Shipped' : 'Partially Shipped';
    if (!alreadyClosed) {
        const update: Record<string, unknown> & { Id: string } = { Id: foId, Last_Sync_Time__c: new Date().toISOString() };
        const climbs = movesForward(record.Integration_Status__c as string | undefined, status) || status === 'Shipped';
        if (climbs) update.Integration_Status__c = status;
        if (completesOrder) update.Status = 'Fulfilled';
        assertWritten(await deps.writer.update('FulfillmentOrder', update, true), `the shipped status of ${model.number}`);
        if (climbs) await deps.redis.set(integrationLadderKey(deps.prefix, foId), status, 'EX', LADDER_TTL_SECONDS);
    }
    await deps.sla?.complete('writeback', foId);
    deps.progress?.milestone('written-back', { fulfillmentOrderId: foId });
    if (!completesOrder) return { shipmentId, partial: true };
    const { invoiceId, created, balance } = await deps.som.createInvoice(foId);
    // A repeat finds the invoice from before: funds are asked for only while some are still owed.
    if (created || balance === undefined || balance > 0) await deps.som.ensureFunds(model.orderSummaryId, invoiceId);
    if (created) deps.progress?.milestone('invoiced', { fulfillmentOrderId: foId });
    await ctx.enqueue('erp-invoice', 'erp.post-invoice', { invoiceId, orderSummaryId: model.orderSummaryId, committedAt: ctx.payload.committedAt });
    return { shipmentId, invoiceId };
}

/** Units the fulfilment order still holds once the short-picked quantities are cancelled. */
function unitsLeftAfter(fo: Record<string, unknown>, event: ShortPickedEvent): number {
    const lines = (fo.FulfillmentOrderLineItems as { records?: { Quantity?: unknown; TypeCode?: unknown }[] } | null | undefined)?.records ?? [];
    // Charge lines (delivery) never reach the warehouse, so they do not keep the order alive.
    const held = lines.filter((line) => line.TypeCode !== 'Charge').reduce((sum, line) => sum + (Number(line.Quantity) || 0), 0);
    return held - event.lines.reduce((sum, line) => sum + line.quantityShort, 0);
}

async function existingShipmentItems(deps: OrderToCashDeps, shipmentId: string): Promise<Set<string>> {
    const rows = await deps.som.queryAll<{ WMS_Shipment_Item_Id__c?: string | null }>(
        `SELECT WMS_Shipment_Item_Id__c FROM ShipmentItem WHERE ShipmentId = '${shipmentId}'`
    );
    return new Set(rows.map((r) => r.WMS_Shipment_Item_Id__c).filter((v): v is string => typeof v === 'string'));
}

async function applyShortPick(deps: OrderToCashDeps, event: ShortPickedEvent, ctx: JobContext<'wms.event'>) {
    const foId = event.fulfillmentOrderId;
    const fo = await deps.som.getFulfillmentOrder(foId);
    if (!fo) throw new PermanentError('NOT_FOUND', `The warehouse short-picked FulfillmentOrder ${foId}, which does not exist`, { context: { recordId: foId } });
    const summary = event.lines.map((l) => `${l.quantityShort} of ${l.sku}`).join(', ');
    const number = String(fo.FulfillmentOrderNumber ?? foId);
    if (deps.shortPickPolicy === 'cancel-item') {
        if (unitsLeftAfter(fo, event) <= 0) await deps.redis.hset(shortPickedOutKey(deps.prefix), foId, event.eventId);
        await deps.som.cancelItems(
            foId,
            event.lines.map((l) => ({ fulfillmentOrderLineItemId: l.fulfillmentOrderLineId, quantity: l.quantityShort }))
        );
    }
    const action =
        deps.shortPickPolicy === 'cancel-item'
            ? 'The missing quantity was cancelled on the fulfillment order: re-route it to another location or refund the customer.'
            : 'Cancel the missing quantity or re-route it to another location.';
    await deps.reporter.raise({
        orderSummaryId: String(fo.OrderSummaryId),
        attachedToId: foId,
        category: 'Fulfillment',
        severity: 'High',
        message: `Warehouse short-picked ${summary} on ${number}. ${action}`,
        description: `Warehouse event ${event.eventId} (${event.wmsOrderNumber}); correlation ${ctx.correlationId}.`,
        externalReference: ctx.idempotencyKey
    });
    deps.progress?.milestone('short-pick', { fulfillmentOrderId: foId });
    return { shortPicked: summary, policy: deps.shortPickPolicy };
}
