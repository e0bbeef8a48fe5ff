/**
 * SLA timers that work across processes. `start` puts the fulfillment order in a Redis sorted set
 * scored by its deadline; `complete` removes it; every process scans for overdue members, and the one
 * whose ZREM succeeds owns the breach (so one miss alerts once): error log + metric + ProcessException.
 * Completing an order after its breach resolves that exception.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import type { BridgeMetrics } from '../observability/bridge-metrics.ts';
import type { ProcessExceptionReporter } from './process-exception-reporter.ts';

/** ack: the WMS has not acknowledged a submitted FO; writeback: a shipped FO is not written back to Salesforce. */
export type SlaKind = 'ack' | 'writeback';

export interface SlaTrackerOptions {
    redis: Redis;
    prefix: string;
    logger: Logger;
    metrics: BridgeMetrics;
    reporter?: ProcessExceptionReporter;
    /** Config `sla`: ackWithinMs, writebackWithinMs, scanIntervalMs. */
    sla: { ackWithinMs: number; writebackWithinMs: number; scanIntervalMs: number };
}

const DESCRIPTION: Record<SlaKind, { late: string; action: string }> = {
    ack: { late: 'was not acknowledged by the warehouse', action: 'Check the WMS received it (oms-bridge dlq list --queue wms-outbound) and resend if needed.' },
    writeback: { late: 'shipped but was not written back to Salesforce', action: 'Check the sf-writeback queue (oms-bridge dlq list --queue sf-writeback) and retry.' }
};

export class SlaTracker {
    private timer?: NodeJS.Timeout;
    private scanning?: Promise<number>;

    constructor(private readonly options: SlaTrackerOptions) {}

    private timersKey(kind: SlaKind): string {
        return `${this.options.prefix}:sla:${kind}`;
    }
    private metaKey(): string {
        return `${this.options.prefix}:sla:meta`;
    }
    private breachedKey(): string {
        return `${this.options.prefix}:sla:breached`;
    }
    private withinMs(kind: SlaKind): number {
        return kind === 'ack' ? this.options.sla.ackWithinMs : this.options.sla.writebackWithinMs;
    }

    /** Starts (or restarts) the clock for a fulfillment order. */
    async start(kind: SlaKind, fulfillmentOrderId: string, orderSummaryId: string, now = Date.now()): Promise<void> {
        await this.options.redis
            .multi()
            .zadd(this.timersKey(kind), now + this.withinMs(kind), fulfillmentOrderId)
            .hset(this.metaKey(), `${kind}:${fulfillmentOrderId}`, JSON.stringify({ orderSummaryId, startedAt: now }))
            .exec();
    }

    /** Stops the clock; resolves the breach exception if the deadline had already passed. */
    async complete(kind: SlaKind, fulfillmentOrderId: string): Promise<void> {
        const field = `${kind}:${fulfillmentOrderId}`;
        const results = await this.options.redis
            .multi()
            .zrem(this.timersKey(kind), fulfillmentOrderId)
            .hdel(this.metaKey(), field)
            .hdel(this.breachedKey(), field)
            .exec();
        const wasBreached = results?.[2]?.[1] === 1;
        if (wasBreached && this.options.reporter) {
            await this.options.reporter.resolve(`sla.${field}`).catch((err: unknown) => this.options.logger.warn({ err, fulfillmentOrderId }, 'could not resolve SLA exception'));
        }
    }

    /** Alerts every overdue timer once; returns how many breaches this call claimed. */
    async scan(now = Date.now()): Promise<number> {
        let claimed = 0;
        for (const kind of ['ack', 'writeback'] as const) {
            const overdue = await this.options.redis.zrangebyscore(this.timersKey(kind), '-inf', now, 'LIMIT', 0, 500);
            for (const fulfillmentOrderId of overdue) {
                if ((await this.options.redis.zrem(this.timersKey(kind), fulfillmentOrderId)) !== 1) continue;
                claimed += 1;
                await this.breach(kind, fulfillmentOrderId, now);
            }
        }
        return claimed;
    }

    private async breach(kind: SlaKind, fulfillmentOrderId: string, now: number): Promise<void> {
        const { redis, logger, metrics, reporter } = this.options;
        const field = `${kind}:${fulfillmentOrderId}`;
        const meta = JSON.parse((await redis.hget(this.metaKey(), field)) ?? '{}') as { orderSummaryId?: string; startedAt?: number };
        const minutes = Math.round((now - (meta.startedAt ?? now)) / 60_000);
        const text = DESCRIPTION[kind];
        const message = `Fulfillment order ${fulfillmentOrderId} ${text.late} within ${Math.round(this.withinMs(kind) / 60_000)} min (${minutes} min so far). ${text.action}`;
        metrics.slaBreaches.inc({ kind });
        logger.error({ sla: kind, fulfillmentOrderId, orderSummaryId: meta.orderSummaryId }, message);
        await redis.hset(this.breachedKey(), field, String(now));
        if (!reporter || !meta.orderSummaryId) return;
        try {
            await reporter.raise({
                orderSummaryId: meta.orderSummaryId,
                attachedToId: fulfillmentOrderId,
                category: 'Fulfillment',
                severity: 'High',
                message,
                externalReference: `sla.${field}`
            });
        } catch (err) {
            logger.error({ err, fulfillmentOrderId }, 'could not raise the SLA ProcessException');
        }
    }

    /** Scans every `scanIntervalMs` until stop(). */
    startScanning(): void {
        if (this.timer) return;
        this.timer = setInterval(() => {
            if (this.scanning) return;
            this.scanning = this.scan().catch((err: unknown) => {
                this.options.logger.warn({ err }, 'SLA scan failed; retrying on the next tick');
                return 0;
            });
            void this.scanning.finally(() => (this.scanning = undefined));
        }, this.options.sla.scanIntervalMs);
        this.timer.unref();
    }

    async stop(): Promise<void> {
        clearInterval(this.timer);
        this.timer = undefined;
        await this.scanning;
    }
}
