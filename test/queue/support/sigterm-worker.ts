/**
 * Child process for the SIGTERM test: runs a WorkerHost whose handler records one effect per
 * idempotency key in Redis, with graceful shutdown installed. Args: redis URL, prefix.
 * Mocha may import this file while collecting files; without the arguments it does nothing.
 */
import { Redis } from 'ioredis';
import { createLogger } from '../../../bridge/src/observability/logger.ts';
import { BridgeMetrics } from '../../../bridge/src/observability/bridge-metrics.ts';
import { installGracefulShutdown } from '../../../bridge/src/ops/graceful-shutdown.ts';
import { redisOptionsFromUrl } from '../../../bridge/src/queue/redis-connection.ts';
import { WorkerHost } from '../../../bridge/src/queue/worker-host.ts';

function main(url: string, prefix: string): void {
    const redis = new Redis(url, { maxRetriesPerRequest: 3 });
    const logger = createLogger({ level: 'silent' });
    const host = new WorkerHost({
        connection: redisOptionsFromUrl(url),
        redis,
        prefix,
        logger,
        metrics: new BridgeMetrics(),
        queues: { concurrency: 8, concurrencyByQueue: {}, attempts: 3, backoffMs: 10, shutdownGraceMs: 5000 }
    }).handle('erp.post-invoice', async (_job, ctx) => {
        await redis.hincrby(`${prefix}:effects`, ctx.idempotencyKey, 1);
        await new Promise((r) => setTimeout(r, 20));
        return 'posted';
    });
    installGracefulShutdown({
        graceMs: 5000,
        logger,
        steps: { closeWorkers: (grace) => host.close(grace), closeOthers: [async () => void redis.disconnect()] }
    });
    host.start().then(
        () => process.send?.('ready'),
        (err: unknown) => {
            process.stderr.write(`worker failed to start: ${String(err)}\n`);
            process.exit(3);
        }
    );
}

const [url, prefix] = process.argv.slice(2);
if (url?.startsWith('redis://') && prefix) main(url, prefix);
