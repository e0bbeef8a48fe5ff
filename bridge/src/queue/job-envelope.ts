/**
 * What a BullMQ job's `data` holds: the validated payload plus the metadata the pipeline needs
 * (idempotency key, correlation ID, order key). Kept separate from the payload so handlers get the
 * payload exactly as the catalog describes it.
 */
import type { JobType, PayloadOf } from './queue-catalog.ts';

export interface JobEnvelope<T extends JobType = JobType> {
    type: T;
    payload: PayloadOf<T>;
    /** Identity of the effect; also the source of the BullMQ job ID (see `jobIdFor`). */
    idempotencyKey: string;
    /** Follows one order or event across queues, logs and systems. */
    correlationId: string;
    /** Jobs with the same order key never run at the same time (usually the order summary ID). */
    orderKey?: string;
    /** Order summary, when known; targets ProcessExceptions. */
    orderSummaryId?: string;
    /** Salesforce commit time (epoch ms) of the originating change, for end-to-end latency. */
    committedAt?: number;
    /** ISO time the job was first enqueued (kept across retries). */
    enqueuedAt: string;
}

/**
 * BullMQ job ID for an idempotency key. BullMQ refuses IDs that contain ':' (except its legacy
 * three-part form) or that look like integers, so ':' and '%' are percent-encoded: the mapping is
 * injective, keeping distinct keys distinct, and stays readable (`wms.submit%3A0a3…%3Av2`).
 */
export function jobIdFor(idempotencyKey: string): string {
    return idempotencyKey.replace(/%/g, '%25').replace(/:/g, '%3A');
}

/** Inverse of `jobIdFor`, for operators who paste a job ID. */
export function idempotencyKeyOf(jobId: string): string {
    return jobId.replace(/%3A/gi, ':').replace(/%25/g, '%');
}
