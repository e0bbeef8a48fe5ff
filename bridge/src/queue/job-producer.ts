/**
 * Enqueues jobs: validates the payload against the catalog, derives the job ID from the idempotency
 * key (BullMQ then ignores a second add of the same job) and applies retry settings.
 */
import { Queue, type JobsOptions, type RedisOptions } from 'bullmq';
import { JOB_TYPES, jobTypeDef, type JobType, type PayloadOf } from './queue-catalog.ts';
import { jobIdFor, type JobEnvelope } from './job-envelope.ts';
import type { QueueName } from './queue-names.ts';
import { RETRY_BACKOFF_TYPE } from './retry-backoff.ts';

export interface EnqueueOptions {
    correlationId: string;
    /** Defaults to the order summary ID the catalog finds in the payload. */
    orderKey?: string;
    /** Run no earlier than this many ms from now. */
    delayMs?: number;
    /** Lower runs first (BullMQ priority); default none. */
    priority?: number;
}

export interface JobDefaults {
    /** Attempts before dead-lettering (config `queues.attempts`). */
    attempts: number;
    /** Keep completed jobs this long so late duplicates are still recognised (default 24 h). */
    keepCompletedSeconds?: number;
    /** ...and at most this many per queue (default 100 000). */
    keepCompletedCount?: number;
}

/** A job ready for `Queue.add` (or a caller's own atomic script), already validated. */
export interface BuiltJob<T extends JobType = JobType> {
    queueName: QueueName;
    name: T;
    data: JobEnvelope<T>;
    opts: JobsOptions & { jobId: string };
}

export class PayloadValidationError extends Error {
    constructor(jobType: string, issues: string[]) {
        super(`Invalid payload for job type ${jobType}: ${issues.join('; ')}`);
        this.name = 'PayloadValidationError';
    }
}

function committedAtOf(payload: unknown): number | undefined {
    const value = (payload as { committedAt?: unknown }).committedAt;
    return typeof value === 'number' ? value : undefined;
}

/** Validates and shapes a job without touching Redis. Throws PayloadValidationError naming each bad field. */
export function buildJob<T extends JobType>(
    queueName: QueueName,
    jobType: T,
    payload: PayloadOf<T>,
    options: EnqueueOptions,
    defaults: JobDefaults
): BuiltJob<T> {
    const def = jobTypeDef(jobType);
    if (!def) throw new Error(`Unknown job type "${String(jobType)}"; expected one of ${Object.keys(JOB_TYPES).join(', ')}`);
    if (def.queue !== queueName) throw new Error(`Job type ${jobType} runs on queue ${def.queue}, not ${queueName}`);
    if (!options.correlationId) throw new Error(`enqueue(${jobType}): correlationId is required`);
    const parsed = def.schema.safeParse(payload);
    if (!parsed.success) {
        throw new PayloadValidationError(
            jobType,
            parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`)
        );
    }
    const value = parsed.data as PayloadOf<T>;
    const idempotencyKey = def.idempotencyKey(value);
    const orderSummaryId = def.orderSummaryId?.(value);
    const data: JobEnvelope<T> = {
        type: jobType,
        payload: value,
        idempotencyKey,
        correlationId: options.correlationId,
        orderKey: options.orderKey ?? (def.serializePerOrder === false ? undefined : orderSummaryId),
        orderSummaryId,
        committedAt: committedAtOf(value),
        enqueuedAt: new Date().toISOString()
    };
    return {
        queueName,
        name: jobType,
        data,
        opts: {
            jobId: jobIdFor(idempotencyKey),
            attempts: defaults.attempts,
            backoff: { type: RETRY_BACKOFF_TYPE },
            delay: options.delayMs,
            priority: options.priority,
            removeOnComplete: { age: defaults.keepCompletedSeconds ?? 86_400, count: defaults.keepCompletedCount ?? 100_000 },
            // Failed jobs are the dead-letter store: kept until an operator retries or discards them.
            removeOnFail: false
        }
    };
}

export interface JobProducerOptions {
    connection: RedisOptions;
    /** Queue key prefix (config `redis.prefix`, default `{omsb}`). */
    prefix: string;
    defaults: JobDefaults;
}

/** Holds one BullMQ Queue per queue name, created on first use. */
export class JobProducer {
    private readonly queues = new Map<QueueName, Queue>();

    constructor(private readonly options: JobProducerOptions) {}

    queue(name: QueueName): Queue {
        let queue = this.queues.get(name);
        if (!queue) {
            queue = new Queue(name, { connection: this.options.connection, prefix: this.options.prefix });
            this.queues.set(name, queue);
        }
        return queue;
    }

    /**
     * Validates and adds a job; returns its job ID. Adding a job whose idempotency key already has a job
     * (waiting, active, delayed, failed or recently completed) adds nothing.
     */
    async enqueue<T extends JobType>(
        queueName: QueueName,
        jobType: T,
        payload: PayloadOf<T>,
        options: EnqueueOptions
    ): Promise<{ jobId: string; idempotencyKey: string }> {
        const built = buildJob(queueName, jobType, payload, options, this.options.defaults);
        await this.queue(queueName).add(built.name, built.data, built.opts);
        return { jobId: built.opts.jobId, idempotencyKey: built.data.idempotencyKey };
    }

    async close(): Promise<void> {
        await Promise.all([...this.queues.values()].map((q) => q.close()));
        this.queues.clear();
    }
}
