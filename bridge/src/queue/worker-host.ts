/**
 * Runs job handlers on BullMQ Workers, one Worker per queue that has handlers, in this process.
 * Start as many processes as you like (`oms-bridge worker`, or inside `oms-bridge start`): BullMQ
 * spreads jobs over them and the per-order lock keeps one order's jobs from overlapping anywhere.
 */
import { setMaxListeners } from 'node:events';
import { Worker, Queue, type Job, type RedisOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import { bridgeMetrics, type BridgeMetrics } from '../observability/bridge-metrics.ts';
import { Redactor } from '../observability/redact.ts';
import type { ProcessExceptionReporter } from '../ops/process-exception-reporter.ts';
import { ExceptionIndex } from './exception-index.ts';
import type { JobEnvelope } from './job-envelope.ts';
import type { JobHandler } from './job-handler.ts';
import { appendHistoryById } from './job-history.ts';
import { JobProducer, type JobDefaults } from './job-producer.ts';
import { JobRunner } from './job-runner.ts';
import { OrderLock } from './order-lock.ts';
import { JOB_TYPES, type JobType } from './queue-catalog.ts';
import type { QueueName } from './queue-names.ts';
import { retryBackoffStrategy } from './retry-backoff.ts';

export interface WorkerHostOptions {
    /** BullMQ connection options (see redisOptionsFromUrl); each Worker opens and closes its own. */
    connection: RedisOptions;
    /** A client for the bridge's own keys (order locks, exception index); owned by the caller. */
    redis: Redis;
    /** Key prefix (config `redis.prefix`). */
    prefix: string;
    logger: Logger;
    /** Config `queues`: concurrency, per-queue overrides, attempts, backoffMs, shutdownGraceMs. */
    queues: {
        concurrency: number;
        concurrencyByQueue: Record<string, number>;
        attempts: number;
        backoffMs: number;
        shutdownGraceMs: number;
    };
    metrics?: BridgeMetrics;
    redactor?: Redactor;
    /** Where dead-lettered jobs of an order are shown to people; without it they are only logged. */
    reporter?: ProcessExceptionReporter;
    /** Lock lifetime of a BullMQ job (default 30 s); a job whose lock lapses counts as stalled. */
    lockDurationMs?: number;
    /** Stall checks interval (default 30 s) and how many stalls before a job is dead-lettered (default 1). */
    stalledIntervalMs?: number;
    maxStalledCount?: number;
    /** Per-order lock TTL (default 30 s, renewed while the job runs). */
    orderLockTtlMs?: number;
    orderBusyDelayMs?: number;
}

/** BullMQ's own refusals to run a job again (stall limit, `maxStartedAttempts`), as opposed to a handler's failure. */
function isUnrunFailure(job: Job, err: Error): boolean {
    const deferred = (job as Job & { deferredFailure?: string }).deferredFailure;
    return (deferred !== undefined && err.message === deferred) || err.message === 'job started more than allowable limit';
}

export class WorkerHost {
    private readonly handlers = new Map<JobType, JobHandler>();
    private readonly workers = new Map<QueueName, Worker>();
    private readonly shutdown = new AbortController();
    readonly producer: JobProducer;
    private readonly runner: JobRunner;
    private readonly metrics: BridgeMetrics;

    constructor(private readonly options: WorkerHostOptions) {
        // Every running job listens on the shutdown signal (adapter calls, waits): many at once is normal.
        setMaxListeners(10_000, this.shutdown.signal);
        this.metrics = options.metrics ?? bridgeMetrics;
        const defaults: JobDefaults = { attempts: options.queues.attempts };
        this.producer = new JobProducer({ connection: options.connection, prefix: options.prefix, defaults });
        this.runner = new JobRunner({
            handlers: this.handlers,
            orderLock: new OrderLock(options.redis, { prefix: options.prefix, ttlMs: options.orderLockTtlMs }),
            exceptionIndex: new ExceptionIndex(options.redis, options.prefix),
            producer: this.producer,
            logger: options.logger,
            metrics: this.metrics,
            redactor: options.redactor ?? new Redactor(),
            reporter: options.reporter,
            orderBusyDelayMs: options.orderBusyDelayMs,
            shutdownSignal: this.shutdown.signal
        });
    }

    /** Sets where dead-lettered jobs are reported, when the reporter needs services built after the host. */
    useReporter(reporter: ProcessExceptionReporter): this {
        this.runner.useReporter(reporter);
        return this;
    }

    /** Registers the handler of a job type; call before start(). */
    handle<T extends JobType>(jobType: T, handler: JobHandler<T>): this {
        if (this.workers.size) throw new Error(`handle(${jobType}) called after start(); register every handler first`);
        this.handlers.set(jobType, handler as unknown as JobHandler);
        return this;
    }

    /** Queues with at least one handler. */
    queueNames(): QueueName[] {
        return [...new Set([...this.handlers.keys()].map((t) => JOB_TYPES[t].queue))];
    }

    concurrencyOf(queue: QueueName): number {
        return this.options.queues.concurrencyByQueue[queue] ?? this.options.queues.concurrency;
    }

    /** Starts one Worker per queue with handlers; resolves once every Worker is connected. */
    async start(): Promise<void> {
        const { options } = this;
        for (const queueName of this.queueNames()) {
            const worker = new Worker<JobEnvelope>(
                queueName,
                (job: Job<JobEnvelope>, token?: string) => this.runner.run(queueName, job, token),
                {
                    connection: options.connection,
                    prefix: options.prefix,
                    concurrency: this.concurrencyOf(queueName),
                    lockDuration: options.lockDurationMs ?? 30_000,
                    stalledInterval: options.stalledIntervalMs ?? 30_000,
                    maxStalledCount: options.maxStalledCount ?? 1,
                    settings: { backoffStrategy: retryBackoffStrategy({ baseMs: options.queues.backoffMs }) },
                    autorun: false
                }
            );
            worker.on('error', (err) => options.logger.error({ err, queue: queueName }, 'worker error'));
            // Jobs over the stall limit are failed by BullMQ before any handler runs; only here can they be reported.
            worker.on('failed', (job, err) => {
                if (!job || !isUnrunFailure(job, err)) return;
                this.runner.deadLetterUnrun(queueName, job, err.message).catch((e: unknown) => options.logger.error({ err: e, jobId: job.id }, 'could not report a stalled job'));
            });
            worker.on('stalled', (jobId) => {
                options.logger.warn({ queue: queueName, jobId }, 'job stalled (its worker stopped renewing the lock); returned to waiting');
                appendHistoryById(this.producer.queue(queueName), jobId, {
                    kind: 'audit',
                    at: new Date().toISOString(),
                    action: 'stalled',
                    by: 'stall-checker'
                }).catch(() => undefined);
            });
            this.workers.set(queueName, worker);
            void worker.run().catch((err: unknown) => options.logger.error({ err, queue: queueName }, 'worker stopped'));
        }
        await Promise.all([...this.workers.values()].map((w) => w.waitUntilReady()));
        this.metrics.watchQueues(this.queueNames().map((q) => this.producer.queue(q)));
        options.logger.info({ queues: this.queueNames() }, 'workers started');
    }

    /** BullMQ Queue objects for the queues this host serves (for the board and metrics). */
    queues(): Queue[] {
        return this.queueNames().map((q) => this.producer.queue(q));
    }

    /**
     * Stops taking jobs, lets running ones finish for up to `graceMs` (default config `shutdownGraceMs`),
     * then hands unfinished ones back to waiting, and closes every connection it opened.
     */
    async close(graceMs = this.options.queues.shutdownGraceMs): Promise<void> {
        const closing = Promise.all([...this.workers.values()].map((w) => w.close()));
        const timer = setTimeout(() => this.shutdown.abort(), graceMs);
        try {
            await closing;
        } finally {
            clearTimeout(timer);
            this.workers.clear();
            await this.producer.close();
        }
    }
}
