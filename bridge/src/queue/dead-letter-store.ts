/**
 * The dead-letter state, and the operator tools on it.
 *
 * Design: a dead-lettered job is a BullMQ job in the queue's *failed* set (jobs are added with
 * `removeOnFail: false`). The job keeps its payload (`data.payload`), its error (`failedReason`,
 * prefixed with error class and code), its correlation and idempotency keys (`data`), and in its log one
 * JSON line per failed attempt (time, class, code, message) plus audit lines. Using the failed set
 * itself, rather than a copy, means there is nothing to keep in step: `retry` moves the very same job
 * (same job ID, same idempotency key) back to waiting. Discards leave an audit line in a capped list
 * `<prefix>:dlq:audit`, since the job and its log are gone afterwards.
 */
import { hostname, userInfo } from 'node:os';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobEnvelope } from './job-envelope.ts';
import { appendHistory, readHistory, type HistoryEntry } from './job-history.ts';
import { QUEUE_NAMES, type QueueName } from './queue-names.ts';

export interface DeadLetterSummary {
    queue: QueueName;
    jobId: string;
    type: string;
    failedAt: string;
    attempts: number;
    reason: string;
    correlationId?: string;
    orderSummaryId?: string;
}

export interface DeadLetterDetail extends DeadLetterSummary {
    idempotencyKey?: string;
    payload: unknown;
    history: HistoryEntry[];
}

export interface DeadLetterFilter {
    queue?: QueueName;
    since?: Date;
    /** Case-insensitive text the failure reason must contain. */
    error?: string;
    /** Most entries to return per queue (default 1000). */
    limit?: number;
}

/** `user@host`, recorded with every operator action. */
export function operatorName(): string {
    let user = 'unknown';
    try {
        user = userInfo().username;
    } catch {
        // containers without a passwd entry
    }
    return `${user}@${hostname()}`;
}

function summarize(queue: QueueName, job: Job<JobEnvelope>): DeadLetterSummary {
    return {
        queue,
        jobId: job.id as string,
        type: job.name,
        failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
        attempts: job.attemptsMade,
        reason: job.failedReason ?? '',
        correlationId: job.data?.correlationId,
        orderSummaryId: job.data?.orderSummaryId
    };
}

export class DeadLetterStore {
    constructor(
        private readonly queueOf: (name: QueueName) => Queue,
        private readonly redis: Redis,
        private readonly prefix: string
    ) {}

    async list(filter: DeadLetterFilter = {}): Promise<DeadLetterSummary[]> {
        const queues = filter.queue ? [filter.queue] : [...QUEUE_NAMES];
        const needle = filter.error?.toLowerCase();
        const out: DeadLetterSummary[] = [];
        for (const name of queues) {
            const jobs = (await this.queueOf(name).getFailed(0, (filter.limit ?? 1000) - 1)) as Job<JobEnvelope>[];
            for (const job of jobs) {
                if (!job) continue;
                const summary = summarize(name, job);
                if (filter.since && new Date(summary.failedAt) < filter.since) continue;
                if (needle && !summary.reason.toLowerCase().includes(needle)) continue;
                out.push(summary);
            }
        }
        return out.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
    }

    /** Finds a dead-lettered job by ID, in one queue or in all of them. */
    async find(jobId: string, queue?: QueueName): Promise<{ queue: QueueName; job: Job<JobEnvelope> } | undefined> {
        for (const name of queue ? [queue] : [...QUEUE_NAMES]) {
            const job = (await this.queueOf(name).getJob(jobId)) as Job<JobEnvelope> | undefined;
            if (job && (await job.isFailed())) return { queue: name, job };
        }
        return undefined;
    }

    async show(jobId: string, queue?: QueueName): Promise<DeadLetterDetail | undefined> {
        const found = await this.find(jobId, queue);
        if (!found) return undefined;
        return {
            ...summarize(found.queue, found.job),
            idempotencyKey: found.job.data?.idempotencyKey,
            payload: found.job.data?.payload,
            history: await readHistory(this.queueOf(found.queue), jobId)
        };
    }

    /** Moves the job back to waiting with fresh attempts; same job ID, same idempotency key. */
    async retry(jobId: string, options: { queue?: QueueName; by?: string } = {}): Promise<DeadLetterSummary> {
        const found = await this.find(jobId, options.queue);
        if (!found) throw new Error(`No dead-lettered job ${jobId}${options.queue ? ` in queue ${options.queue}` : ''} (see oms-bridge dlq list)`);
        await appendHistory(found.job, { kind: 'audit', at: new Date().toISOString(), action: 'retry', by: options.by ?? operatorName() });
        const summary = summarize(found.queue, found.job);
        await found.job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return summary;
    }

    /** Retries every dead-lettered job of a queue, at most `ratePerSecond` per second (default 10). */
    async retryAll(queue: QueueName, options: { ratePerSecond?: number; by?: string; filter?: Omit<DeadLetterFilter, 'queue'> } = {}): Promise<number> {
        const rate = options.ratePerSecond ?? 10;
        if (!(rate > 0)) throw new Error(`--rate must be a positive number of jobs per second, got ${rate}`);
        const gapMs = 1000 / rate;
        let count = 0;
        for (const entry of await this.list({ ...options.filter, queue, limit: Number.MAX_SAFE_INTEGER })) {
            if (count > 0) await new Promise((r) => setTimeout(r, gapMs));
            await this.retry(entry.jobId, { queue, by: options.by });
            count += 1;
        }
        return count;
    }

    /** Deletes the job for good; the audit line survives in `<prefix>:dlq:audit`. */
    async discard(jobId: string, options: { queue?: QueueName; by?: string } = {}): Promise<DeadLetterSummary> {
        const found = await this.find(jobId, options.queue);
        if (!found) throw new Error(`No dead-lettered job ${jobId}${options.queue ? ` in queue ${options.queue}` : ''} (see oms-bridge dlq list)`);
        const summary = summarize(found.queue, found.job);
        const audit = { at: new Date().toISOString(), action: 'discard', by: options.by ?? operatorName(), ...summary, idempotencyKey: found.job.data?.idempotencyKey };
        await this.redis.multi().lpush(`${this.prefix}:dlq:audit`, JSON.stringify(audit)).ltrim(`${this.prefix}:dlq:audit`, 0, 9999).exec();
        await found.job.remove();
        return summary;
    }

    async discardAll(queue: QueueName, options: { by?: string } = {}): Promise<number> {
        let count = 0;
        for (const entry of await this.list({ queue, limit: Number.MAX_SAFE_INTEGER })) {
            await this.discard(entry.jobId, { queue, by: options.by });
            count += 1;
        }
        return count;
    }
}
