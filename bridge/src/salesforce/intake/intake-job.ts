/**
 * What intake puts on the `sf-events` queue, and the deterministic job IDs that make a redelivered
 * event land on the job it already created. BullMQ refuses `:` and all-digit custom IDs, so IDs use `-`
 * separators and always start with a letter prefix.
 */

/** Why a job exists: a streamed event, a re-read after a CDC gap event, or a reconciliation after a replay gap. */
export type IntakeJobKind = 'event' | 'reread' | 'reconcile';

/** Payload of one `sf-events` job (the queue catalog's intake shape plus `kind`/`entityName`). */
export interface SfEventJobData {
    kind: IntakeJobKind;
    channel: string;
    /** Opaque replay ID as received ('' for reconciliation jobs, which have none). */
    replayId: string;
    eventUuid?: string;
    transactionKey?: string;
    sequenceNumber?: number;
    /** The one record this job is about (change events fan out one job per record). */
    recordId?: string;
    /** Object name for change events, re-reads and reconciliations. */
    entityName?: string;
    changeType?: string;
    payload: Record<string, unknown>;
    /** ISO time the bridge received (or synthesised) the event. */
    receivedAt: string;
    correlationId: string;
}

/** A job ready to be written: its deterministic ID (also the idempotency key) and data. */
export interface IntakeJob {
    jobId: string;
    data: SfEventJobData;
}

const SAFE = /[^A-Za-z0-9_.*-]/g;
const part = (value: string | number): string => String(value).replace(SAFE, '_');

export function platformEventJobId(eventUuid: string): string {
    return `pe-${part(eventUuid)}`;
}

/** Used only for platform events without an EventUuid (API < 52.0); replay IDs repeat across org migrations. */
export function platformEventFallbackJobId(channel: string, replayId: string): string {
    return `pr-${part(channel)}-${part(replayId)}`;
}

export function changeEventJobId(transactionKey: string, sequenceNumber: number, recordId: string): string {
    return `ce-${part(transactionKey)}-${part(sequenceNumber)}-${part(recordId)}`;
}

/** A re-read is about one record as of one commit: the same gap event never yields two re-reads. */
export function rereadJobId(entityName: string, recordId: string, transactionKey: string, sequenceNumber: number): string {
    return `rr-${part(entityName)}-${part(recordId)}-${part(transactionKey)}-${part(sequenceNumber)}`;
}

/** A reconciled record version: the same record unchanged since the last run is not enqueued twice. */
export function reconcileJobId(entityName: string, recordId: string, systemModstamp: string): string {
    return `rc-${part(entityName)}-${part(recordId)}-${part(systemModstamp)}`;
}
