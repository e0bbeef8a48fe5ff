/** What a job handler receives and returns; the lead's flow code implements these per job type. */
import type { Job } from 'bullmq';
import type { Logger } from '../observability/logger.ts';
import type { JobEnvelope } from './job-envelope.ts';
import type { EnqueueOptions } from './job-producer.ts';
import type { JobType, PayloadOf } from './queue-catalog.ts';
import type { QueueName } from './queue-names.ts';

export interface JobContext<T extends JobType = JobType> {
    /** The payload, validated against the catalog schema. */
    payload: PayloadOf<T>;
    /** Pass to every adapter / Salesforce call so a retried call has no second effect. */
    idempotencyKey: string;
    correlationId: string;
    orderKey?: string;
    orderSummaryId?: string;
    /** 1 for the first run, 2 for the first retry... */
    attempt: number;
    jobId: string;
    queueName: QueueName;
    /** A logger stamped with the correlation ID, job ID and type. */
    logger: Logger;
    /** Aborted when the process is shutting down and the grace period ran out. */
    signal: AbortSignal;
    /** Enqueues a follow-up job carrying this job's correlation ID (overridable). */
    enqueue<U extends JobType>(
        queueName: QueueName,
        jobType: U,
        payload: PayloadOf<U>,
        options?: Partial<EnqueueOptions>
    ): Promise<{ jobId: string; idempotencyKey: string }>;
}

/**
 * Runs one job. Throw to fail: a TransientError (or anything classifyError deems transient) retries with
 * backoff; a PermanentError dead-letters at once. The returned value is stored as the job's result.
 */
export type JobHandler<T extends JobType = JobType> = (job: Job<JobEnvelope<T>>, ctx: JobContext<T>) => Promise<unknown>;
