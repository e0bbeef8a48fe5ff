/**
 * After a replay gap (stale checkpoint) or a CDC overflow, the events are gone but the records are not:
 * query every tracked entity for records whose SystemModstamp is at or after the gap's start and enqueue
 * one synthetic job per record version. SOQL datetimes have second precision, so the start is floored to
 * the second and compared with `>=`; the job ID includes SystemModstamp, so an overlap is deduplicated,
 * not doubled.
 */
import type { SfEventJobData } from './intake-job.ts';

/** Runs a SOQL query to completion (all pages). */
export type SoqlRunner = (soql: string) => Promise<Record<string, unknown>[]>;

const STANDARD_EVENT_ENTITIES: Record<string, string[]> = {
    '/event/FOStatusChangedEvent': ['FulfillmentOrder'],
    '/event/OrderSummaryCreatedEvent': ['OrderSummary'],
    '/event/OrderSumStatusChangedEvent': ['OrderSummary'],
    '/event/FulfillOrdItemQtyChgEvent': ['FulfillmentOrderLineItem']
};

/** Entities whose changes a channel carries; empty when it cannot be known (custom platform events, `/data/ChangeEvents` without config). */
export function entitiesForChannel(channel: string, overrides: Record<string, string[]>): string[] {
    if (overrides[channel]) return overrides[channel];
    if (STANDARD_EVENT_ENTITIES[channel]) return STANDARD_EVENT_ENTITIES[channel];
    const change = /^\/data\/([A-Za-z0-9_]+?)(__)?ChangeEvent$/.exec(channel);
    if (change && change[1] !== '') return [change[2] ? `${change[1]}__c` : change[1]];
    return [];
}

/** SOQL datetime literal for the second containing `epochMs`. */
export function soqlDateTime(epochMs: number): string {
    return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export interface ReconcileRequest {
    channel: string;
    entityName: string;
    /** Epoch ms the gap starts (the checkpoint's event time, or the overflow's commit time). */
    since: number;
    reason: 'stale-replay' | 'gap-overflow';
    receivedAt: number;
}

export async function reconcileEntity(request: ReconcileRequest, runQuery: SoqlRunner): Promise<SfEventJobData[]> {
    const { entityName, channel } = request;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(entityName)) throw new Error(`reconciliation entity "${entityName}" for ${channel} is not an object API name`);
    const from = soqlDateTime(request.since);
    const rows = await runQuery(`SELECT Id, SystemModstamp FROM ${entityName} WHERE SystemModstamp >= ${from} ORDER BY SystemModstamp, Id`);
    const receivedAt = new Date(request.receivedAt).toISOString();
    return rows.map((row): SfEventJobData => {
        const recordId = String(row.Id);
        const modstamp = String(row.SystemModstamp);
        return {
            kind: 'reconcile',
            channel,
            // No replay ID exists; the record version stands in, so each changed version is one job.
            replayId: `reconcile@${modstamp}`,
            recordId,
            entityName,
            changeType: request.reason === 'gap-overflow' ? 'GAP_OVERFLOW' : 'RECONCILE',
            orderSummaryId: entityName === 'OrderSummary' ? recordId : undefined,
            payload: { Id: recordId, SystemModstamp: modstamp, reason: request.reason, gapFrom: from },
            receivedAt,
            correlationId: `sf-reconcile-${recordId}-${modstamp}`
        };
    });
}
