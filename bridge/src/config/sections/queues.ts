import { z } from 'zod';
import { intFrom } from './types.ts';

/** BullMQ workers. */
export const queuesSection = z
    .object({
        /** Default concurrency per queue per process (default 100; jobs mostly wait on remote systems). */
        concurrency: intFrom(1, 1000).default(100),
        /** Per-queue overrides, by queue name. */
        concurrencyByQueue: z.record(z.string(), intFrom(1, 1000)).default({}),
        /** Attempts before a job is dead-lettered (default 8). */
        attempts: intFrom(1, 100).default(8),
        /** First retry delay; doubles each attempt, with jitter (default 1000ms). */
        backoffMs: intFrom(1).default(1000),
        /** Shutdown grace period (default 30000ms). */
        shutdownGraceMs: intFrom(0).default(30_000)
    })
    .strict();
