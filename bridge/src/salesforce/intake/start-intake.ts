/**
 * Builds the intake from configuration: its own Redis connection (fail-fast while Redis is down, so
 * intake stops acknowledging instead of queueing commands in memory), the `sf-events` queue, the token
 * manager, the CometD transport and the SOQL runner used by reconciliation. Everything injected can be
 * overridden (tests, an alternative transport).
 */
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import type { BridgeConfig } from '../../config/schema.ts';
import type { Logger } from '../../observability/logger.ts';
import type { Redactor } from '../../observability/redact.ts';
import { TokenManager } from '../auth/token-manager.ts';
import { createTokenSource } from '../auth/token-sources.ts';
import { createSalesforceConnection, type LimitInfoListener } from '../salesforce-connection.ts';
import { CometdTransport } from '../streaming/cometd-transport.ts';
import type { TransportFactory } from '../streaming/event-transport.ts';
import type { EventRelevance } from './event-processor.ts';
import type { IntakeMetricsHook } from './intake-metrics.ts';
import { IntakeService, type IntakeStatus } from './intake-service.ts';
import type { SoqlRunner } from './reconciler.ts';

/** The BullMQ queue intake feeds (see the queue catalog). */
export const SF_EVENTS_QUEUE = 'sf-events';

export interface StartIntakeDeps {
    config: BridgeConfig;
    logger: Logger;
    redactor?: Redactor;
    tokenManager?: TokenManager;
    transportFactory?: TransportFactory;
    metrics?: IntakeMetricsHook;
    onLimitInfo?: LimitInfoListener;
    owner?: string;
    /** Why no installed flow acts on a job; applied unless `intake.queueIgnoredEvents` is on. */
    ignores?: EventRelevance;
}

/** A running intake: status for readiness/metrics, stop for shutdown (closes every connection it opened). */
export interface IntakeHandle {
    service: IntakeService;
    status(): IntakeStatus;
    stop(): Promise<void>;
}

export async function startIntake(deps: StartIntakeDeps): Promise<IntakeHandle> {
    const { config, logger } = deps;
    const ownsTokenManager = !deps.tokenManager;
    const tokenManager =
        deps.tokenManager ?? new TokenManager(createTokenSource(config.salesforce), { renewBeforeSeconds: config.salesforce.auth.renewBeforeSeconds, redactor: deps.redactor });
    const redis = new Redis(config.redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: (n) => Math.min(2000, 50 * n) });
    redis.on('error', (err: Error) => logger.debug({ err: err.message }, 'intake redis connection error'));
    const queueConnection = new Redis(config.redis.url, { maxRetriesPerRequest: null });
    queueConnection.on('error', (err: Error) => logger.debug({ err: err.message }, 'sf-events queue redis connection error'));
    const queue = new Queue(SF_EVENTS_QUEUE, { connection: queueConnection, prefix: config.redis.prefix });
    // Without a listener BullMQ prints connection errors to stderr, past the logger and its redaction.
    queue.on('error', (err: Error) => logger.debug({ err: err.message }, 'sf-events queue error'));
    let connection: Awaited<ReturnType<typeof createSalesforceConnection>> | undefined;
    const soql: SoqlRunner = async (query) => {
        connection ??= await createSalesforceConnection({
            tokenManager,
            apiVersion: config.salesforce.apiVersion,
            callOptionsClient: config.salesforce.callOptionsClient,
            instanceUrl: config.salesforce.instanceUrl,
            onLimitInfo: deps.onLimitInfo
        });
        const result = await connection.connection.query<Record<string, unknown>>(query, { autoFetch: true, maxFetch: 1_000_000 });
        return result.records;
    };
    const transportFactory: TransportFactory =
        deps.transportFactory ??
        ((accessToken, instanceUrl) =>
            new CometdTransport({ instanceUrl, apiVersion: config.salesforce.apiVersion, accessToken, channels: config.streaming.channels }));
    await redis.connect().catch((err: unknown) => logger.warn({ err }, 'Redis not reachable yet; intake waits for it'));
    const service = new IntakeService({ config, logger, redis, queue, tokenManager, transportFactory, soql, metrics: deps.metrics, owner: deps.owner, ignores: config.intake.queueIgnoredEvents ? undefined : deps.ignores });
    await service.start();
    return {
        service,
        status: () => service.status(),
        async stop() {
            await service.stop();
            connection?.dispose();
            if (ownsTokenManager) tokenManager.stop();
            await queue.close();
            queueConnection.disconnect();
            redis.disconnect();
        }
    };
}
