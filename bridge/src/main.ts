/**
 * Composition root: the one place that builds the running bridge from configuration — Salesforce
 * session and connection, batched write-back, adapters, workers with the order-to-cash handlers,
 * billing poller, SLA tracker, intake, and the HTTP server with health, metrics, board and webhook.
 * Everything else receives what it needs; nothing else constructs the world.
 */
import type { BridgeConfig } from './config/schema.ts';
import { createBoardRouter } from './board/board-router.ts';
import type { AdapterSet } from './adapters/create-adapters.ts';
import type { FlowProgress } from './flows/order-to-cash/order-to-cash-deps.ts';
import { createOrderToCashRuntime } from './flows/order-to-cash/order-to-cash-runtime.ts';
import type { LimitInfo } from './salesforce/salesforce-connection.ts';
import type { SomClient } from './salesforce/som/som-client.ts';
import type { WritebackBatcher } from './salesforce/writeback/writeback-batcher.ts';
import { BillingDocumentPoller } from './flows/order-to-cash/billing-document-poller.ts';
import { registerOrderToCash } from './flows/order-to-cash/register-order-to-cash.ts';
import { connectWarehouseEvents } from './flows/order-to-cash/warehouse-event-intake.ts';
import { createHttpServer, type HttpServer } from './http/http-server.ts';
import type { Logger } from './observability/logger.ts';
import { bridgeMetrics } from './observability/bridge-metrics.ts';
import type { Redactor } from './observability/redact.ts';
import { requireSafeRedis } from './ops/redis-check.ts';
import { orderToCashIgnores } from './flows/order-to-cash/salesforce-event-facts.ts';
import { createRedisClient, redisOptionsFromUrl } from './queue/redis-connection.ts';
import { WorkerHost } from './queue/worker-host.ts';
import { startIntake, type IntakeHandle } from './salesforce/intake/start-intake.ts';

export interface StartBridgeOptions {
    config: BridgeConfig;
    logger: Logger;
    redactor: Redactor;
    /** Told about each order-to-cash milestone (the demo's progress line, the benchmark). */
    progress?: FlowProgress;
    /** Which parts run in this process (default all). */
    run?: { intake?: boolean; workers?: boolean; http?: boolean; billingPoller?: boolean };
}

export interface RunningBridge {
    config: BridgeConfig;
    http?: { server: HttpServer; port: number; host: string };
    host: WorkerHost;
    intake?: IntakeHandle;
    adapters: AdapterSet;
    som: SomClient;
    writer: WritebackBatcher;
    /** The newest `Sforce-Limit-Info` seen (API calls used and allowed). */
    limitInfo(): LimitInfo | undefined;
    /** Salesforce write-back collections and the records they carried, by operation (for API-budget reports). */
    writeStats: Map<string, { calls: number; records: number }>;
    /** API calls the write-back made (a Composite call carrying several collections counts once). */
    writeApiCalls(): number;
    /** Starts the workers when the bridge was started without them (`run.workers: false`). */
    startWorkers(): Promise<void>;
    /** Dead-lettered jobs across the bridge's queues. */
    deadLetterCount(): Promise<number>;
    stop(graceMs?: number): Promise<void>;
}

export async function startBridge(options: StartBridgeOptions): Promise<RunningBridge> {
    const { config, logger, redactor } = options;
    const run = { intake: true, workers: true, http: true, billingPoller: true, ...options.run };
    const redis = createRedisClient(config.redis.url, 'omsb-bridge');
    await requireSafeRedis(redis, logger);

    const runtime = await createOrderToCashRuntime({ config, logger, redactor, redis, progress: options.progress });
    const { deps, tokenManager, adapters, reporter, sla, writeStats } = runtime;
    const { som, writer } = deps;
    const onLimitInfo = runtime.onLimitInfo;

    const host = new WorkerHost({
        connection: redisOptionsFromUrl(config.redis.url),
        redis,
        prefix: config.redis.prefix,
        logger,
        queues: config.queues,
        redactor,
        reporter
    });
    registerOrderToCash(host, deps);
    const disconnectWarehouse = connectWarehouseEvents(deps, host.producer);
    let workersStarted = false;
    const startWorkers = async () => {
        if (workersStarted) return;
        workersStarted = true;
        await host.start();
        sla.startScanning();
    };
    if (run.workers) await startWorkers();
    const billing = new BillingDocumentPoller({
        som,
        producer: host.producer,
        redis,
        prefix: config.redis.prefix,
        logger,
        intervalMs: config.flows.billingPollIntervalMs
    });
    if (run.billingPoller) billing.start();
    const intake = run.intake ? await startIntake({ config, logger, redactor, tokenManager, onLimitInfo, ignores: orderToCashIgnores, metrics: bridgeMetrics.intakeHook }) : undefined;

    let http: RunningBridge['http'];
    if (run.http) {
        const server = createHttpServer({ host: config.http.host, port: config.http.port, logger, metrics: bridgeMetrics });
        server.readiness.register('redis', async () => {
            await redis.ping();
        });
        server.readiness.register('salesforce-auth', async () => {
            await tokenManager.getToken();
        });
        if (intake) {
            server.readiness.register('intake', async () => {
                const status = intake.status();
                if (status.role === 'leader') {
                    const down = status.channels.filter((c) => !c.connected).map((c) => c.channel);
                    if (down.length) throw new Error(`not subscribed: ${down.join(', ')}`);
                    return 'leader';
                }
                return status.role;
            });
        }
        if (config.http.board.enabled) {
            server.mount('/board', createBoardRouter({ queues: host.queues(), auth: config.http.board, host: config.http.host, redactor }));
        }
        if (adapters.webhook) server.mount(adapters.webhook.path, adapters.webhook.router);
        const address = await server.listen();
        http = { server, ...address };
    }

    let stopping: Promise<void> | undefined;
    return {
        config,
        http,
        host,
        intake,
        adapters,
        som,
        writer,
        limitInfo: runtime.limitInfo,
        writeStats,
        writeApiCalls: runtime.writeApiCalls,
        startWorkers,
        async deadLetterCount() {
            const counts = await Promise.all(host.queues().map((q) => q.getFailedCount()));
            return counts.reduce((a, b) => a + b, 0);
        },
        stop(graceMs = config.queues.shutdownGraceMs) {
            stopping ??= (async () => {
                await intake?.stop();
                await billing.stop();
                disconnectWarehouse();
                await host.close(graceMs);
                await runtime.close();
                await http?.server.close();
                redis.disconnect();
            })();
            return stopping;
        }
    };
}
