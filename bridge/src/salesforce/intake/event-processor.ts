/**
 * Serial worker between the transport and Redis. Deliveries are pushed synchronously (never blocking
 * the CometD connect loop) and written one at a time in delivery order, so a channel's checkpoint only
 * moves forward over events that are durably queued. Work from a torn-down connection is discarded, not
 * written: it will be redelivered from the checkpoint. Any store failure stops the worker and is reported
 * once; the supervisor reconnects from the checkpoint when Redis is back.
 */
import type { Logger } from '../../observability/logger.ts';
import { classifyEvent, type ClassifiedEvent } from './event-classifier.ts';
import type { EchoFilter } from './echo-filter.ts';
import { PayloadValidationError, type JobDefaults } from '../../queue/job-producer.ts';
import { toQueueJob, type SfEventJobData } from './intake-job.ts';
import type { IntakeMetricsHook } from './intake-metrics.ts';
import type { Checkpoint, IntakeStore } from './intake-store.ts';

/** Why no flow acts on an event's job (a reason to record), or undefined when some flow does. */
export type EventRelevance = (job: SfEventJobData) => string | undefined;

/** `pipelined` tasks issue their one Redis script call synchronously when run, so they may overlap. */
type Task = { generation: number; run: () => Promise<void>; pipelined?: boolean };

export interface EventProcessorOptions {
    store: IntakeStore;
    leaseToken: string;
    echoFilter: EchoFilter;
    logger: Logger;
    metrics?: IntakeMetricsHook;
    /**
     * Why no installed flow acts on a job, or undefined when one does. Events whose every job is ignored
     * are checkpointed and counted without a job (see `intake.queueIgnoredEvents`).
     */
    ignores?: EventRelevance;
    /** Reconciles one entity since a time; used for GAP_OVERFLOW and wildcard recordIds. */
    reconcile: (channel: string, entityName: string, since: number, reason: 'gap-overflow') => Promise<SfEventJobData[]>;
    /** Retry settings stamped on every job (config `queues.attempts`). */
    jobDefaults: JobDefaults;
    onCommitted?: () => void;
    onStoreFailure: (err: unknown) => void;
    now?: () => number;
}

/** Largest number of jobs written by one script call (keeps each call short). */
const CHUNK = 200;
/**
 * Commits in flight at once. They travel in order on one connection and Redis runs them in order, so
 * whatever subset of them runs is a prefix: a checkpoint never passes an event that was not queued.
 */
const PIPELINE_DEPTH = 64;

export class EventProcessor {
    private readonly queue: Task[] = [];
    private draining: Promise<void> | undefined;
    private failed = false;
    /** Last checkpoint written per channel (what a reconnect resumes from). */
    readonly checkpoints = new Map<string, Checkpoint>();
    readonly lastEventAt = new Map<string, number>();

    constructor(private readonly options: EventProcessorOptions) {}

    get pending(): number {
        return this.queue.length;
    }

    /** Queues one delivery for writing; returns at once. */
    pushEvent(generation: number, channel: string, data: unknown): void {
        const receivedAt = (this.options.now ?? Date.now)();
        this.lastEventAt.set(channel, receivedAt);
        const event = this.dropIgnored(classifyEvent(channel, data, { echoFilter: this.options.echoFilter, receivedAt }));
        // Only single-call commits whose jobs already validate may overlap; the rest run alone, in order.
        const pipelined = event.kind === 'echo' || event.kind === 'ignored' || (event.kind === 'jobs' && event.drafts.length <= CHUNK && this.draftsValid(event.drafts));
        this.pushTask(generation, () => this.handle(channel, data, receivedAt, event), pipelined);
    }

    pushTask(generation: number, run: () => Promise<void>, pipelined = false): void {
        if (this.failed) return;
        this.queue.push({ generation, run, pipelined });
        this.draining ??= this.drain();
    }

    /** Drops queued work of connections older than `generation`. */
    discardBefore(generation: number): void {
        for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].generation < generation) this.queue.splice(i, 1);
    }

    /** Resolves when nothing is being written. */
    async idle(): Promise<void> {
        while (this.draining) await this.draining;
    }

    /** Accepts work again after a store failure was handled. */
    reset(): void {
        this.failed = false;
    }

    /** Keeps the jobs some flow acts on; an event left with none becomes `ignored` (checkpointed, counted). */
    private dropIgnored(event: ClassifiedEvent): ClassifiedEvent {
        const { ignores } = this.options;
        if (!ignores || event.kind !== 'jobs') return event;
        let reason: string | undefined;
        const drafts = event.drafts.filter((draft) => {
            const why = ignores(draft);
            reason ??= why;
            return why === undefined;
        });
        if (drafts.length === event.drafts.length) return event;
        if (drafts.length > 0) return { ...event, drafts };
        return { kind: 'ignored', channel: event.channel, replayId: event.replayId, eventTime: event.eventTime, reason: reason ?? 'no flow acts on it' };
    }

    private draftsValid(drafts: SfEventJobData[]): boolean {
        try {
            for (const draft of drafts) toQueueJob(draft, this.options.jobDefaults);
            return true;
        } catch {
            return false;
        }
    }

    private guard(run: Promise<void>): Promise<void> {
        return run.catch((err: unknown) => {
            if (this.failed) return;
            this.failed = true;
            this.queue.length = 0;
            this.options.onStoreFailure(err);
        });
    }

    private async drain(): Promise<void> {
        const inFlight: Promise<void>[] = [];
        try {
            while (!this.failed && (this.queue.length > 0 || inFlight.length > 0)) {
                const task = this.queue.shift();
                if (!task) {
                    await inFlight.shift();
                } else if (task.pipelined) {
                    inFlight.push(this.guard(task.run()));
                    if (inFlight.length >= PIPELINE_DEPTH) await inFlight.shift();
                } else {
                    while (inFlight.length > 0) await inFlight.shift();
                    if (!this.failed) await this.guard(task.run());
                }
            }
            await Promise.all(inFlight);
        } finally {
            this.draining = undefined;
        }
    }

    /** Writes drafts as `sf.event` jobs (validated by the queue catalog) and optionally moves the checkpoint. */
    async commitJobs(channel: string, drafts: SfEventJobData[], checkpoint?: Checkpoint, stat?: string): Promise<number> {
        const jobs = drafts.map((draft) => toQueueJob(draft, this.options.jobDefaults));
        let added = 0;
        for (let i = 0; i < jobs.length || i === 0; i += CHUNK) {
            const chunk = jobs.slice(i, i + CHUNK);
            const last = i + CHUNK >= jobs.length;
            added += await this.options.store.commit({
                leaseToken: this.options.leaseToken,
                channel,
                jobs: chunk,
                checkpoint: last ? checkpoint : undefined,
                stat: last ? stat : undefined
            });
        }
        if (checkpoint) this.checkpoints.set(channel, checkpoint);
        this.options.onCommitted?.();
        return added;
    }

    checkpointFor(replayId: string, eventTime: number): Checkpoint {
        return { replayId, eventTime, storedAt: (this.options.now ?? Date.now)(), fence: this.options.leaseToken };
    }

    private async handle(channel: string, data: unknown, receivedAt: number, event: ClassifiedEvent): Promise<void> {
        const { logger, metrics } = this.options;
        const log = logger.child({ channel, replayId: event.replayId });
        const notBefore = this.checkpoints.get(channel)?.notBefore;
        if (event.kind !== 'malformed' && notBefore !== undefined && event.eventTime < notBefore) {
            // Replaying from the first-subscription marker: this event was retained before intake ever subscribed.
            await this.commitJobs(channel, [], { ...this.checkpointFor(event.replayId, event.eventTime), notBefore }, `predates-intake:${channel}`);
            log.debug({ eventTime: new Date(event.eventTime).toISOString() }, 'replayed event predates the first subscription; skipped');
            return;
        }
        switch (event.kind) {
            case 'jobs': {
                let added: number;
                try {
                    added = await this.commitJobs(channel, event.drafts, this.checkpointFor(event.replayId, event.eventTime));
                } catch (err) {
                    if (!(err instanceof PayloadValidationError)) throw err;
                    return this.park(channel, event.replayId, event.eventTime, err.message, data, receivedAt);
                }
                const outcome = added === 0 ? 'duplicate' : 'enqueued';
                if (outcome === 'duplicate') log.debug({ correlationIds: event.drafts.map((d) => d.correlationId) }, 'redelivered event already queued; no new job');
                metrics?.onEvent?.(channel, outcome, added);
                return;
            }
            case 'echo':
                await this.commitJobs(channel, [], this.checkpointFor(event.replayId, event.eventTime), `echo:${channel}`);
                log.debug({ entityName: event.entityName, changedFields: event.changedFields }, 'own write echoed back; suppressed');
                metrics?.onEvent?.(channel, 'echo', 0);
                return;
            case 'ignored':
                await this.commitJobs(channel, [], this.checkpointFor(event.replayId, event.eventTime), `ignored:${channel}`);
                log.debug({ reason: event.reason }, 'no flow acts on this event; checkpointed without a job');
                metrics?.onEvent?.(channel, 'ignored', 0);
                return;
            case 'overflow': {
                log.warn({ entityName: event.entityName }, 'GAP_OVERFLOW or wildcard recordIds: reconciling the entity since that commit');
                const jobs = await this.options.reconcile(channel, event.entityName, event.eventTime, 'gap-overflow');
                const added = await this.commitJobs(channel, jobs, this.checkpointFor(event.replayId, event.eventTime), `overflow:${channel}`);
                metrics?.onEvent?.(channel, 'overflow', added);
                return;
            }
            case 'malformed':
                return this.park(channel, event.replayId, event.eventTime, event.reason, event.raw, receivedAt);
        }
    }

    /** Stores an unusable event as a visible exception (raw event, replay ID, reason) and moves past it. */
    private async park(channel: string, replayId: string | undefined, eventTime: number, reason: string, raw: unknown, receivedAt: number): Promise<void> {
        const checkpoint = replayId ? this.checkpointFor(replayId, eventTime) : undefined;
        await this.options.store.commit({
            leaseToken: this.options.leaseToken,
            channel,
            jobs: [],
            checkpoint,
            exception: { channel, replayId, reason, raw, receivedAt: new Date(receivedAt).toISOString() },
            stat: `malformed:${channel}`
        });
        if (checkpoint) this.checkpoints.set(channel, checkpoint);
        this.options.logger.error({ channel, replayId, reason }, 'malformed event parked as an intake exception; continuing with the next event');
        this.options.metrics?.onEvent?.(channel, 'malformed', 0);
    }
}
