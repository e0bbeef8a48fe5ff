/**
 * Moves inbox entries into the BullMQ `sf-events` queue, oldest first, with their deterministic job IDs,
 * then deletes them from the inbox. Adding a job ID that exists is a no-op in BullMQ, so a crash between
 * the add and the delete cannot create a second job. Only the lease holder pumps, which keeps the queue
 * in inbox (delivery) order.
 */
import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import type { Logger } from '../../observability/logger.ts';
import type { IntakeJob } from './intake-job.ts';

export interface IntakePumpOptions {
    redis: Redis;
    inboxKey: string;
    queue: Queue;
    batchSize: number;
    logger: Logger;
    /** Idle wait between polls when the inbox is empty (default 100ms). */
    idleMs?: number;
}

export class IntakePump {
    private running = false;
    private loop: Promise<void> | undefined;
    private wake: (() => void) | undefined;
    private moved = 0;

    constructor(private readonly options: IntakePumpOptions) {}

    get movedCount(): number {
        return this.moved;
    }

    start(): void {
        if (this.running) return;
        this.running = true;
        this.loop = this.run();
    }

    /** Called after a commit so new entries move without waiting for the next poll. */
    nudge(): void {
        this.wake?.();
    }

    async stop(): Promise<void> {
        this.running = false;
        this.wake?.();
        await this.loop;
        this.loop = undefined;
    }

    /** Moves one batch; returns how many entries it moved. */
    async pumpOnce(): Promise<number> {
        const { redis, inboxKey, queue, batchSize } = this.options;
        const entries = await redis.xrange(inboxKey, '-', '+', 'COUNT', batchSize);
        if (entries.length === 0) return 0;
        const jobs = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('data') + 1]) as IntakeJob);
        await queue.addBulk(jobs);
        await redis.xdel(inboxKey, ...entries.map(([id]) => id));
        this.moved += entries.length;
        return entries.length;
    }

    private async run(): Promise<void> {
        let failures = 0;
        while (this.running) {
            let moved = 0;
            try {
                moved = await this.pumpOnce();
                failures = 0;
            } catch (err) {
                failures += 1;
                // Entries stay in the inbox: nothing is lost, the next round retries them.
                if (failures === 1 || failures % 50 === 0) this.options.logger.warn({ err, failures }, 'intake pump could not move inbox entries; retrying');
            }
            if (moved > 0 && this.running) continue;
            const wait = failures > 0 ? Math.min(5000, 100 * 2 ** Math.min(failures, 6)) : (this.options.idleMs ?? 100);
            await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, wait);
                this.wake = () => {
                    clearTimeout(timer);
                    resolve();
                };
            });
            this.wake = undefined;
        }
    }
}
