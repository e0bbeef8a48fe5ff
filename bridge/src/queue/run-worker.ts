/**
 * A standalone worker process (`oms-bridge worker`): checks Redis, runs the registered handler sets,
 * serves health/readiness/metrics (and the board when asked), watches SLAs, and shuts down gracefully.
 */
import type { BridgeConfig } from '../config/schema.ts';
import { createBoardRouter } from '../board/board-router.ts';
import { createHttpServer } from '../http/http-server.ts';
import type { Logger } from '../observability/logger.ts';
import { bridgeMetrics } from '../observability/bridge-metrics.ts';
import type { Redactor } from '../observability/redact.ts';
import { installGracefulShutdown } from '../ops/graceful-shutdown.ts';
import type { ProcessExceptionReporter } from '../ops/process-exception-reporter.ts';
import { requireSafeRedis } from '../ops/redis-check.ts';
import { SlaTracker } from '../ops/sla-tracker.ts';
import type { HandlerSet } from './handler-sets.ts';
import { createRedisClient, redisOptionsFromUrl } from './redis-connection.ts';
import { WorkerHost } from './worker-host.ts';

export interface RunWorkerOptions {
    config: BridgeConfig;
    logger: Logger;
    redactor: Redactor;
    handlerSets: HandlerSet[];
    reporter?: ProcessExceptionReporter;
    /** Serve the board on this process's HTTP server (default false). */
    board?: boolean;
    /** Serve /healthz, /readyz, /metrics (default true). */
    http?: boolean;
}

export async function runWorker(options: RunWorkerOptions): Promise<{ stop: () => Promise<void> }> {
    const { config, logger } = options;
    const redis = createRedisClient(config.redis.url, 'omsb-worker');
    await requireSafeRedis(redis, logger);
    const host = new WorkerHost({
        connection: redisOptionsFromUrl(config.redis.url),
        redis,
        prefix: config.redis.prefix,
        logger,
        queues: config.queues,
        redactor: options.redactor,
        reporter: options.reporter
    });
    const disposers: (() => Promise<void>)[] = [];
    for (const install of options.handlerSets) {
        const dispose = await install(host, { config, logger, redis, redactor: options.redactor });
        if (dispose) disposers.push(dispose);
    }
    if (host.queueNames().length === 0) {
        redis.disconnect();
        throw new Error('no job handlers are registered (bridge/src/queue/handler-sets.ts lists none), so this worker would do nothing');
    }
    const http = options.http === false ? undefined : createHttpServer({ host: config.http.host, port: config.http.port, logger });
    if (http) {
        http.readiness.register('redis', async () => {
            await redis.ping();
        });
        if (options.board) {
            http.mount('/board', createBoardRouter({ queues: host.queues(), auth: config.http.board, host: config.http.host, redactor: options.redactor }));
        }
    }
    const sla = new SlaTracker({ redis, prefix: config.redis.prefix, logger, metrics: bridgeMetrics, reporter: options.reporter, sla: config.sla });
    await host.start();
    if (http) await http.listen();
    sla.startScanning();
    const shutdown = installGracefulShutdown({
        graceMs: config.queues.shutdownGraceMs,
        logger,
        steps: {
            closeWorkers: (grace) => host.close(grace),
            closeOthers: [...disposers, () => sla.stop(), async () => http?.close(), async () => void redis.disconnect()]
        }
    });
    // Shutting down ends the process (it is the CLI's worker); the returned stop() is for the CLI's own use.
    return { stop: () => shutdown.shutdown('stop requested') };
}
