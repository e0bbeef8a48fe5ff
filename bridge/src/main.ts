/**
 * Composition root: the one place that builds the running bridge from configuration — Salesforce
 * session and connection, batched write-back, adapters, workers with the order-to-cash handlers,
 * billing poller, SLA tracker, intake, and the HTTP server with health, metrics, board and webhook.
 * Everything else receives what it needs; nothing else constructs the world.
 */
import type { BridgeConfig } from './config/schema.ts';
import { createAdapters, type AdapterSet } from './adapters/create-adapters.ts';
import { createBoardRouter } from './board/board-router.ts';
import { BillingDocumentPoller } from './flows/order-to-cash/billing-document-poller.ts';
import type { FlowProgress, OrderToCashDeps } from './flows/order-to-cash/order-to-cash-deps.ts';
import { registerOrderToCash } from './flows/order-to-cash/register-order-to-cash.ts';
import { connectWarehouseEvents } from './flows/order-to-cash/warehouse-event-intake.ts';
import { createHttpServer, type HttpServer } from './http/http-server.ts';
import type { Logger } from './observability/logger.ts';
import { bridgeMetrics } from './observability/bridge-metrics.ts';
import type { Redactor } from './observability/redact.ts';
import { checkRedisSettings } from './ops/redis-check.ts';
import { SalesforceProcessExceptionReporter } from './ops/salesforce-process-exception-reporter.ts';
import { SlaTracker } from './ops/sla-tracker.ts';
import { createRedisClient, redisOptionsFromUrl } from './queue/redis-connection.ts';
import { WorkerHost } from './queue/worker-host.ts';
import { TokenManager } from './salesforce/auth/token-manager.ts';
import { createTokenSource } from './salesforce/auth/token-sources.ts';
import { startIntake, type IntakeHandle } from './salesforce/intake/start-intake.ts';
import { createSalesforceConnection, type LimitInfo } from './salesforce/salesforce-connection.ts';
import { SomClient } from './salesforce/som/som-client.ts';
import { jsforceRestPort } from './salesforce/writeback/rest-port.ts';
import { WritebackBatcher } from './salesforce/writeback/writeback-batcher.ts';

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
    /** Salesforce write-back calls and the records they carried, by operation (for API-budget reports). */
    writeStats: Map<string, { calls: number; records: number }>;
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
    const redisCheck = await checkRedisSettings(redis);
    for (const warning of redisCheck.warnings) logger.warn(warning);
    if (!redisCheck.ok) {
        redis.disconnect();
        throw new Error(redisCheck.errors.join('\n'));
    }

    const tokenManager = new TokenManager(createTokenSource(config.salesforce), {
        renewBeforeSeconds: config.salesforce.auth.renewBeforeSeconds,
        redactor
    });
    let lastLimit: LimitInfo | undefined;
    const onLimitInfo = (info: LimitInfo) => {
        lastLimit = info;
        bridgeMetrics.recordSalesforceLimitInfo(info.raw);
    };
    const salesforce = await createSalesforceConnection({
        tokenManager,
        apiVersion: config.salesforce.apiVersion,
        callOptionsClient: config.salesforce.callOptionsClient,
        instanceUrl: config.salesforce.instanceUrl,
        onLimitInfo
    });
    const budgetLow = () =>
        lastLimit?.apiUsed !== undefined && lastLimit.apiLimit
            ? 1 - lastLimit.apiUsed / lastLimit.apiLimit < config.flows.apiBudgetLowShare
            : false;
    const rest = jsforceRestPort(salesforce.connection);
    const writeStats = new Map<string, { calls: number; records: number }>();
    const writer = new WritebackBatcher(rest, {
        windowMs: config.flows.writebackWindowMs,
        lowBudgetWindowMs: config.flows.lowBudgetWindowMs,
        budgetLow,
        onCall: (op, records) => {
            const key = op.kind === 'update' ? `update ${op.objectName}` : `upsert ${op.objectName}.${op.externalIdField}`;
            const stat = writeStats.get(key) ?? { calls: 0, records: 0 };
            stat.calls++;
            stat.records += records;
            writeStats.set(key, stat);
        }
    });
    const som = new SomClient(rest);
    const reporter = new SalesforceProcessExceptionReporter(salesforce.connection);
    const adapters = createAdapters(config, { redis, logger });
    const sla = new SlaTracker({ redis, prefix: config.redis.prefix, logger, metrics: bridgeMetrics, reporter, sla: config.sla });

    const host = new WorkerHost({
        connection: redisOptionsFromUrl(config.redis.url),
        redis,
        prefix: config.redis.prefix,
        logger,
        queues: config.queues,
        redactor,
        reporter
    });
    const deps: OrderToCashDeps = {
        som,
        writer,
        wms: adapters.wms,
        erp: adapters.erp,
        mapping: adapters.mapping,
        reporter,
        redis,
        prefix: config.redis.prefix,
        shortPickPolicy: config.flows.shortPick,
        progress: options.progress,
        sla
    };
    registerOrderToCash(host, deps);
    const disconnectWarehouse = connectWarehouseEvents(deps, host.producer);
    await adapters.start();
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
    const intake = run.intake ? await startIntake({ config, logger, redactor, tokenManager, onLimitInfo }) : undefined;

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
        limitInfo: () => lastLimit,
        writeStats,
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
                await writer.flush();
                await sla.stop();
                await adapters.close();
                await http?.server.close();
                salesforce.dispose();
                tokenManager.stop();
                redis.disconnect();
            })();
            return stopping;
        }
    };
}
