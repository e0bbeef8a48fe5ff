/**
 * Prometheus metrics for the pipeline. One registry per instance (tests make their own); the process
 * uses `bridgeMetrics`, which other modules import to report replay lag and Salesforce API usage.
 * Queue depths and dead-letter size are read from Redis when scraped (see `watchQueues`), so every
 * process reports the same, cluster-wide figures.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

export class BridgeMetrics {
    readonly registry = new Registry();
    private readonly watched = new Map<string, Queue>();

    readonly jobDuration = new Histogram({
        name: 'omsb_job_duration_seconds',
        help: 'Time a job handler ran, by queue, job type and outcome (success | retry | dead).',
        labelNames: ['queue', 'type', 'outcome'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [this.registry]
    });

    readonly endToEndLatency = new Histogram({
        name: 'omsb_end_to_end_latency_seconds',
        help: 'From the Salesforce commit that caused a job to the job\'s effect completing, by queue and job type.',
        labelNames: ['queue', 'type'] as const,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
        registers: [this.registry]
    });

    readonly failures = new Counter({
        name: 'omsb_job_failures_total',
        help: 'Failed job attempts by queue, job type, error class (TransientError | PermanentError) and code.',
        labelNames: ['queue', 'type', 'class', 'code'] as const,
        registers: [this.registry]
    });

    readonly deadLettered = new Counter({
        name: 'omsb_dead_lettered_total',
        help: 'Jobs that reached the dead-letter state in this process, by queue.',
        labelNames: ['queue'] as const,
        registers: [this.registry]
    });

    readonly replayLag = new Gauge({
        name: 'omsb_replay_lag_seconds',
        help: 'Age of the newest event received per streaming channel (now minus its commit time).',
        labelNames: ['channel'] as const,
        registers: [this.registry]
    });

    readonly salesforceApi = new Gauge({
        name: 'omsb_salesforce_api_usage',
        help: 'Salesforce API allowance from the Sforce-Limit-Info header, by limit (api-usage, api-bursts...) and figure (used | max).',
        labelNames: ['limit', 'figure'] as const,
        registers: [this.registry]
    });

    readonly intakeEvents = new Counter({
        name: 'omsb_intake_events_total',
        help: 'Streamed events by channel and outcome (enqueued | duplicate | echo | ignored | malformed | overflow).',
        labelNames: ['channel', 'outcome'] as const,
        registers: [this.registry]
    });

    readonly slaBreaches = new Counter({
        name: 'omsb_sla_breaches_total',
        help: 'Fulfillment orders that missed an SLA, by kind (ack | writeback).',
        labelNames: ['kind'] as const,
        registers: [this.registry]
    });

    constructor(options: { defaultMetrics?: boolean } = {}) {
        if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'omsb_process_' });
        const watched = this.watched;
        new Gauge({
            name: 'omsb_queue_jobs',
            help: 'Jobs per queue and state, read from Redis at scrape time.',
            labelNames: ['queue', 'state'] as const,
            registers: [this.registry],
            async collect() {
                this.reset();
                for (const [name, queue] of watched) {
                    const counts = await queue.getJobCounts(...JOB_STATES);
                    for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
                }
            }
        });
        new Gauge({
            name: 'omsb_dead_letter_jobs',
            help: 'Jobs in the dead-letter state (BullMQ failed set) per queue.',
            labelNames: ['queue'] as const,
            registers: [this.registry],
            async collect() {
                this.reset();
                for (const [name, queue] of watched) this.set({ queue: name }, await queue.getFailedCount());
            }
        });
    }

    /** Report depths of these queues on every scrape. */
    watchQueues(queues: Iterable<Queue>): void {
        for (const queue of queues) this.watched.set(queue.name, queue);
    }

    /** What intake reports about each event it handles (see IntakeMetricsHook). */
    readonly intakeHook = {
        onEvent: (channel: string, outcome: string) => this.intakeEvents.inc({ channel, outcome })
    };

    /** Streaming intake calls this with a received event's commit time (epoch ms). */
    setReplayLag(channel: string, committedAtMs: number, now = Date.now()): void {
        this.replayLag.set({ channel }, Math.max(0, (now - committedAtMs) / 1000));
    }

    /**
     * Records a `Sforce-Limit-Info` header value such as `api-usage=10018/100000; api-bursts=1/750`.
     * Unknown or malformed parts are skipped; returns what was understood.
     */
    recordSalesforceLimitInfo(header: string | undefined | null): Record<string, { used: number; max: number }> {
        const understood: Record<string, { used: number; max: number }> = {};
        if (!header) return understood;
        for (const part of header.split(/[;,]/)) {
            const match = /^\s*([a-z-]+)=(\d+)\/(\d+)\s*$/i.exec(part);
            if (!match) continue;
            const [, limit, used, max] = match;
            understood[limit] = { used: Number(used), max: Number(max) };
            this.salesforceApi.set({ limit, figure: 'used' }, Number(used));
            this.salesforceApi.set({ limit, figure: 'max' }, Number(max));
        }
        return understood;
    }

    /** Prometheus text exposition. */
    async render(): Promise<{ contentType: string; body: string }> {
        return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    }
}

/** The process-wide instance the composition root serves on /metrics. */
export const bridgeMetrics = new BridgeMetrics({ defaultMetrics: true });
