import { z } from 'zod';

/** Redis holding the BullMQ queues, checkpoints and leases. */
export const redisSection = z
    .object({
        /** Connection URL (default redis://127.0.0.1:6379). A password in it is treated as a secret. */
        url: z
            .string()
            .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
            .default('redis://127.0.0.1:6379'),
        /** Key prefix; braces make it a Redis Cluster hash tag so one flow's keys share a slot (default {omsb}). */
        prefix: z.string().min(1).default('{omsb}'),
        /** Start a private redis-server when none answers at `url` (demo only; default true). */
        startLocalIfMissing: z.preprocess((v) => (v === 'false' ? false : v === 'true' ? true : v), z.boolean()).default(true)
    })
    .strict();
