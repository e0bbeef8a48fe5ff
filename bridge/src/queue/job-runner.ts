/**
 * Runs one job around its handler: per-order lock, payload check, history, metrics, dead-letter
 * exceptions. Kept apart from WorkerHost (which manages BullMQ Workers) so the rules live in one place.
 *
 * Outcomes:
 * - order busy → job goes back to delayed with `moveToDelayed` + DelayedError (no attempt counted);
 * - success → result stored; an open ProcessException for the same idempotency key is resolved;
 * - transient failure → rethrown as TransientError (BullMQ retries with our backoff) or, on the last
 *   attempt, dead-lettered like a permanent one;
 * - permanent failure → UnrecoverableError (BullMQ fails it at once) and a ProcessException is raised;
 * - shutdown grace expired → job returned to waiting (WaitingError), no attempt counted.
 */
import { DelayedError, UnrecoverableError, WaitingError, type Job } from 'bullmq';
import { classifyError } from '../errors/classify-error.ts';
import { PermanentError, TransientError, type BridgeError } from '../errors/bridge-error.ts';
import type { Logger } from '../observability/logger.ts';
import type { BridgeMetrics } from '../observability/bridge-metrics.ts';
import type { Redactor } from '../observability/redact.ts';
import type { ProcessExceptionReporter } from '../ops/process-exception-reporter.ts';
import { appendHistory } from './job-history.ts';
import type { JobEnvelope } from './job-envelope.ts';
import type { JobContext, JobHandler } from './job-handler.ts';
import type { JobProducer } from './job-producer.ts';
import { jobTypeDef, isJobType, type JobType } from './queue-catalog.ts';
import type { QueueName } from './queue-names.ts';
import type { HeldOrderLock, OrderLock } from './order-lock.ts';
import type { ExceptionIndex } from './exception-index.ts';
import { exceptionText } from './exception-message.ts';
import { LocalOrderQueue } from './local-order-queue.ts';

export interface JobRunnerDeps {
    handlers: Map<JobType, JobHandler>;
    orderLock: OrderLock;
    exceptionIndex: ExceptionIndex;
    producer: JobProducer;
    logger: Logger;
    metrics: BridgeMetrics;
    redactor: Redactor;
    reporter?: ProcessExceptionReporter;
    /** Delay before a job whose order is busy is tried again (default 25 ms, plus up to 100 % jitter). */
    orderBusyDelayMs?: number;
    /** Aborted when the shutdown grace period ends. */
    shutdownSignal: AbortSignal;
}

/** The message BullMQ stores as failedReason: class and code first, secrets removed. */
function failureMessage(err: BridgeError, redactor: Redactor): string {
    return redactor.redactText(`[${err.name} ${err.code}] ${err.message}`);
}

/** How long a job waits behind an earlier job of its order in this process before it tries the Redis lock. */
const LOCAL_WAIT_MS = 2000;

export class JobRunner {
    private readonly localOrders = new LocalOrderQueue(LOCAL_WAIT_MS);

    constructor(private readonly deps: JobRunnerDeps) {}

    /** Sets where dead-lettered jobs are reported, for hosts whose reporter is built after them. */
    useReporter(reporter: ProcessExceptionReporter): void {
        this.deps.reporter = reporter;
    }

    async run(queueName: QueueName, job: Job<JobEnvelope>, token?: string): Promise<unknown> {
        const { deps } = this;
        const envelope = job.data;
        if (!isJobType(job.name) || !deps.handlers.has(job.name)) {
            throw new UnrecoverableError(`[PermanentError CONFIGURATION] no handler registered for job type "${job.name}" on queue ${queueName}`);
        }
        const leaveLocal = envelope.orderKey ? await this.localOrders.enter(envelope.orderKey) : undefined;
        try {
            return await this.runInOrder(queueName, job, token);
        } finally {
            leaveLocal?.();
        }
    }

    /** Takes the order's Redis lock (across processes) and runs the job, or sends it back to wait its turn. */
    private async runInOrder(queueName: QueueName, job: Job<JobEnvelope>, token?: string): Promise<unknown> {
        const { deps } = this;
        const envelope = job.data;
        const jobId = job.id as string;
        const lock = envelope.orderKey ? await deps.orderLock.tryAcquire(envelope.orderKey) : undefined;
        if (envelope.orderKey && !lock) {
            // Held by another process (or a local job past its turn): short, since the other job of the
            // order usually finishes within milliseconds; jitter spreads retries.
            const base = deps.orderBusyDelayMs ?? 25;
            await job.moveToDelayed(Date.now() + base + Math.round(Math.random() * base), token);
            throw new DelayedError();
        }
        const started = process.hrtime.bigint();
        const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
        const logger = deps.logger.child({ correlationId: envelope.correlationId, jobId, jobType: job.name, queue: queueName });
        try {
            const result = await this.runHandler(queueName, job, logger, token);
            deps.metrics.jobDuration.observe({ queue: queueName, type: job.name, outcome: 'success' }, seconds());
            if (envelope.committedAt) {
                deps.metrics.endToEndLatency.observe({ queue: queueName, type: job.name }, Math.max(0, Date.now() - envelope.committedAt) / 1000);
            }
            await this.resolveException(envelope, logger, lock);
            return result;
        } catch (raw) {
            if (raw instanceof WaitingError || raw instanceof DelayedError) throw raw;
            const err = classifyError(raw, { orderSummaryId: envelope.orderSummaryId });
            const attempts = job.opts.attempts ?? 1;
            const attempt = job.attemptsMade + 1;
            const dead = !err.retryable || attempt >= attempts;
            deps.metrics.failures.inc({ queue: queueName, type: job.name, class: err.name, code: err.code });
            deps.metrics.jobDuration.observe({ queue: queueName, type: job.name, outcome: dead ? 'dead' : 'retry' }, seconds());
            const message = failureMessage(err, deps.redactor);
            await appendHistory(job, {
                kind: 'attempt',
                at: new Date().toISOString(),
                attempt,
                errorClass: err.name,
                code: err.code,
                message,
                outcome: dead ? 'dead' : 'retry'
            }).catch((e: unknown) => logger.warn({ err: e }, 'could not append attempt history'));
            if (!dead) {
                logger.warn({ code: err.code, attempt, attempts }, `attempt failed, will retry: ${message}`);
                throw new TransientError(err.code, message, { retryAfterMs: err instanceof TransientError ? err.retryAfterMs : undefined, context: err.context });
            }
            deps.metrics.deadLettered.inc({ queue: queueName });
            logger.error({ code: err.code, attempt, attempts, context: err.context }, `job dead-lettered: ${message}`);
            await this.raiseException(queueName, job, err, attempt, logger);
            throw new UnrecoverableError(message);
        } finally {
            await lock?.release().catch((e: unknown) => logger.warn({ err: e }, 'could not release order lock; it will expire'));
        }
    }

    /**
     * A job BullMQ failed without running it: its worker stopped renewing the lock (crashed, or its event
     * loop was blocked) more often than `maxStalledCount` allows, and the next worker to take it failed it
     * at once. It is dead-lettered like any other failure: history, metrics and a ProcessException.
     */
    async deadLetterUnrun(queueName: QueueName, job: Job<JobEnvelope>, reason: string): Promise<void> {
        const { deps } = this;
        const envelope = job.data;
        const logger = deps.logger.child({ correlationId: envelope.correlationId, jobId: job.id, jobType: job.name, queue: queueName });
        const err = new PermanentError(
            'STALLED',
            `BullMQ failed the job without running it (${reason}): the workers that took it stopped (a crash, or a blocked event loop) before finishing; retry it once the cause is fixed`
        );
        const message = failureMessage(err, deps.redactor);
        deps.metrics.deadLettered.inc({ queue: queueName });
        deps.metrics.failures.inc({ queue: queueName, type: job.name, class: err.name, code: err.code });
        await appendHistory(job, { kind: 'attempt', at: new Date().toISOString(), attempt: job.attemptsMade, errorClass: err.name, code: err.code, message, outcome: 'dead' }).catch(
            (e: unknown) => logger.warn({ err: e }, 'could not append attempt history')
        );
        logger.error({ code: err.code }, `job dead-lettered: ${message}`);
        await this.raiseException(queueName, job, err, job.attemptsMade, logger);
    }

    private async runHandler(queueName: QueueName, job: Job<JobEnvelope>, logger: Logger, token?: string): Promise<unknown> {
        const { deps } = this;
        const envelope = job.data;
        const def = jobTypeDef(job.name as JobType);
        const parsed = def.schema.safeParse(envelope.payload);
        if (!parsed.success) throw parsed.error;
        const handler = deps.handlers.get(job.name as JobType) as JobHandler;
        const ctx: JobContext = {
            payload: parsed.data as JobContext['payload'],
            idempotencyKey: envelope.idempotencyKey,
            correlationId: envelope.correlationId,
            orderKey: envelope.orderKey,
            orderSummaryId: envelope.orderSummaryId,
            attempt: job.attemptsMade + 1,
            jobId: job.id as string,
            queueName,
            logger,
            signal: deps.shutdownSignal,
            enqueue: (q, type, payload, options = {}) =>
                deps.producer.enqueue(q, type, payload, { ...options, correlationId: options.correlationId ?? envelope.correlationId })
        };
        if (deps.shutdownSignal.aborted) return this.giveBack(job, token);
        let onAbort: (() => void) | undefined;
        const aborted = new Promise<'aborted'>((resolveAbort) => {
            onAbort = () => resolveAbort('aborted');
            deps.shutdownSignal.addEventListener('abort', onAbort, { once: true });
        });
        try {
            const running = handler(job, ctx).then((value) => ({ value }));
            // If shutdown wins the race the handler may still fail later; that failure is moot, not unhandled.
            running.catch(() => undefined);
            const outcome = await Promise.race([running, aborted]);
            if (outcome === 'aborted') return this.giveBack(job, token);
            return outcome.value;
        } finally {
            if (onAbort) deps.shutdownSignal.removeEventListener('abort', onAbort);
        }
    }

    /** Shutdown ran out of time: put the job back in waiting for another process (its key keeps the effect single). */
    private async giveBack(job: Job, token?: string): Promise<never> {
        await appendHistory(job, { kind: 'audit', at: new Date().toISOString(), action: 'stalled', by: 'shutdown', note: 'returned to waiting: shutdown grace period ended' }).catch(() => undefined);
        await job.moveToWait(token);
        throw new WaitingError();
    }

    private async raiseException(queueName: QueueName, job: Job<JobEnvelope>, err: BridgeError, attempts: number, logger: Logger): Promise<void> {
        const { deps } = this;
        const envelope = job.data;
        if (!deps.reporter) return;
        if (!envelope.orderSummaryId) {
            logger.warn('dead-lettered job has no order summary: no ProcessException raised (see oms-bridge dlq list)');
            return;
        }
        const def = jobTypeDef(job.name as JobType);
        const text = exceptionText(def.describe, err, {
            queueName,
            jobId: job.id as string,
            attempts,
            correlationId: envelope.correlationId,
            idempotencyKey: envelope.idempotencyKey
        });
        try {
            const { id } = await deps.reporter.raise({
                orderSummaryId: envelope.orderSummaryId,
                attachedToId: def.attachedToId?.(envelope.payload) ?? envelope.orderSummaryId,
                category: def.exceptionCategory,
                severity: 'High',
                message: deps.redactor.redactText(text.message),
                description: deps.redactor.redactText(text.description),
                externalReference: envelope.idempotencyKey
            });
            await deps.exceptionIndex.markOpen(envelope.idempotencyKey, id);
        } catch (e) {
            // The job stays dead-lettered either way; the operator still finds it with `dlq list`.
            logger.error({ err: e }, 'could not raise the ProcessException for a dead-lettered job');
        }
    }

    /** After a success: resolves the job's open ProcessException, if any (asked with the lock's release when it holds one). */
    private async resolveException(envelope: JobEnvelope, logger: Logger, lock?: HeldOrderLock): Promise<void> {
        const { deps } = this;
        if (!deps.reporter) return;
        try {
            const open = lock
                ? await lock.releaseAndCheck(deps.exceptionIndex.key, envelope.idempotencyKey)
                : await deps.exceptionIndex.isOpen(envelope.idempotencyKey);
            if (!open) return;
            await deps.reporter.resolve(envelope.idempotencyKey);
            await deps.exceptionIndex.clear(envelope.idempotencyKey);
        } catch (e) {
            logger.warn({ err: e }, 'job succeeded but its ProcessException could not be resolved yet');
        }
    }
}
