/**
 * What intake puts on the `sf-events` queue. The classifier produces `SfEventJobData` (the catalog's
 * `sf.event` payload plus `kind`/`entityName`/`changeType`); `toQueueJob` shapes it through the queue
 * catalog, so the BullMQ job ID is the catalog's idempotency key: EventUuid for platform events,
 * transactionKey + sequenceNumber + recordId for change events. A redelivered event maps to the same ID.
 */
import { buildJob, type BuiltJob, type JobDefaults } from '../../queue/job-producer.ts';

/** Why a job exists: a streamed event, a re-read after a CDC gap event, or a reconciliation after a replay gap. */
export type IntakeJobKind = 'event' | 'reread' | 'reconcile';

/** Payload of one `sf.event` job. */
export type SfEventJobData = {
    kind: IntakeJobKind;
    channel: string;
    /** Opaque replay ID as received (`reconcile@<SystemModstamp>` for reconciliation jobs, which have none). */
    replayId: string;
    eventUuid?: string;
    transactionKey?: string;
    sequenceNumber?: number;
    /** The one record this job is about (change events fan out one job per record). */
    recordId?: string;
    /** Object name for change events, re-reads and reconciliations. */
    entityName?: string;
    changeType?: string;
    orderSummaryId?: string;
    /** Salesforce commit time (epoch ms), for end-to-end latency. */
    committedAt?: number;
    payload: Record<string, unknown>;
    /** ISO time the bridge received (or synthesised) the event. */
    receivedAt: string;
    correlationId: string;
};

export type IntakeJob = BuiltJob<'sf.event'>;

const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The order summary an event is about, when its payload names one (routes per-order serialization). */
export function orderSummaryIdOf(payload: Record<string, unknown>): string | undefined {
    const value = payload.OrderSummaryId;
    return typeof value === 'string' && SF_ID.test(value) ? value : undefined;
}

/** Validates and shapes one job; throws PayloadValidationError naming the bad field. */
export function toQueueJob(data: SfEventJobData, defaults: JobDefaults): IntakeJob {
    return buildJob('sf-events', 'sf.event', data, { correlationId: data.correlationId }, defaults);
}
