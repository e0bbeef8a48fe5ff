/**
 * Builds what the order-to-cash handlers need from configuration: the Salesforce session and
 * connection, the batched writer, the SOM client, the adapters, the exception reporter and the SLA
 * tracker. Used by the composition root (`start`) and by standalone workers (`oms-bridge worker`).
 */
import type { Redis } from 'ioredis';
import { createAdapters, type AdapterSet } from '../../adapters/create-adapters.ts';
import type { BridgeConfig } from '../../config/schema.ts';
import type { Logger } from '../../observability/logger.ts';
import { bridgeMetrics } from '../../observability/bridge-metrics.ts';
import type { Redactor } from '../../observability/redact.ts';
import { SalesforceProcessExceptionReporter } from '../../ops/salesforce-process-exception-reporter.ts';
import { SlaTracker } from '../../ops/sla-tracker.ts';
import { TokenManager } from '../../salesforce/auth/token-manager.ts';
import { createTokenSource } from '../../salesforce/auth/token-sources.ts';
import { createSalesforceConnection, type LimitInfo, type SalesforceConnection } from '../../salesforce/salesforce-connection.ts';
import { SomClient } from '../../salesforce/som/som-client.ts';
import { jsforceRestPort } from '../../salesforce/writeback/rest-port.ts';
import { WritebackBatcher } from '../../salesforce/writeback/writeback-batcher.ts';
import type { FlowProgress, OrderToCashDeps } from './order-to-cash-deps.ts';

export interface OrderToCashRuntime {
    deps: OrderToCashDeps;
    tokenManager: TokenManager;
    salesforce: SalesforceConnection;
    adapters: AdapterSet;
    reporter: SalesforceProcessExceptionReporter;
    sla: SlaTracker;
    /** Salesforce write-back collections and the records they carried, by operation, and the API calls they took. */
    writeStats: Map<string, { calls: number; records: number }>;
    writeApiCalls(): number;
    /** The newest `Sforce-Limit-Info` seen. */
    limitInfo(): LimitInfo | undefined;
    onLimitInfo(info: LimitInfo): void;
    close(): Promise<void>;
}

export async function createOrderToCashRuntime(options: {
    config: BridgeConfig;
    logger: Logger;
    redactor: Redactor;
    redis: Redis;
    progress?: FlowProgress;
}): Promise<OrderToCashRuntime> {
    const { config, logger, redactor, redis } = options;
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
        lastLimit?.apiUsed !== undefined && lastLimit.apiLimit ? 1 - lastLimit.apiUsed / lastLimit.apiLimit < config.flows.apiBudgetLowShare : false;
    const rest = jsforceRestPort(salesforce.connection);
    const writeStats = new Map<string, { calls: number; records: number }>();
    let writeApiCalls = 0;
    const writer = new WritebackBatcher(rest, {
        windowMs: config.flows.writebackWindowMs,
        lowBudgetWindowMs: config.flows.lowBudgetWindowMs,
        budgetLow,
        onApiCall: () => {
            writeApiCalls++;
        },
        onCall: (op, records) => {
            const key = op.kind === 'update' ? `update ${op.objectName}` : `upsert ${op.objectName}.${op.externalIdField}`;
            const stat = writeStats.get(key) ?? { calls: 0, records: 0 };
            stat.calls++;
            stat.records += records;
            writeStats.set(key, stat);
        }
    });
    const som = new SomClient(rest, { coalesceWindowMs: config.flows.readWindowMs });
    const reporter = new SalesforceProcessExceptionReporter(salesforce.connection);
    const adapters = createAdapters(config, { redis, logger });
    const sla = new SlaTracker({ redis, prefix: config.redis.prefix, logger, metrics: bridgeMetrics, reporter, sla: config.sla });
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
    await adapters.start();
    return {
        deps,
        tokenManager,
        salesforce,
        adapters,
        reporter,
        sla,
        writeStats,
        writeApiCalls: () => writeApiCalls,
        limitInfo: () => lastLimit,
        onLimitInfo,
        async close() {
            await writer.flush();
            await sla.stop();
            await adapters.close();
            salesforce.dispose();
            tokenManager.stop();
        }
    };
}
