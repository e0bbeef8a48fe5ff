/**
 * Runs the real intake (`startIntake`) against a running org emulator and real Redis, and reads what
 * reached the `sf-events` queue. Each harness owns one emulator, one `useTestRedis()` prefix (used as
 * `redis.prefix`) and one queue connection; `close()` releases all of them and every intake it started.
 * Emulator windows and intake timings are shortened through options so recovery happens in seconds.
 */
import { Redis } from 'ioredis';
import { Queue, type Job } from 'bullmq';
import jsforce from 'jsforce';
import type { Logger } from '../../../bridge/src/observability/logger.ts';
import { createLogger } from '../../../bridge/src/observability/logger.ts';
import { Redactor } from '../../../bridge/src/observability/redact.ts';
import type { BridgeConfig } from '../../../bridge/src/config/schema.ts';
import {
    startEmulator,
    type RunningEmulator,
    type StartEmulatorOptions
} from '../../../bridge/src/emulator/start-emulator.ts';
import {
    startIntake,
    SF_EVENTS_QUEUE,
    type IntakeHandle
} from '../../../bridge/src/salesforce/intake/start-intake.ts';
import type { SfEventJobData } from '../../../bridge/src/salesforce/intake/intake-job.ts';
import type { EventRelevance } from '../../../bridge/src/salesforce/intake/event-processor.ts';
import type { IntakeMetricsHook } from '../../../bridge/src/salesforce/intake/intake-metrics.ts';
import { intakeKeys } from '../../../bridge/src/salesforce/intake/intake-keys.ts';
import type { Checkpoint, IntakeException } from '../../../bridge/src/salesforce/intake/intake-store.ts';
import { placeOrder, type PlacedOrder } from '../../../bridge/src/emulator/seed/place-order.ts';
import { useTestRedis, type TestRedis } from '../../support/redis.ts';
import {
    API_VERSION,
    RESEND_CHANNEL,
    FO_CHANNEL,
    QUICK_STREAMING,
    emulatorIntakeConfig,
    waitFor
} from './emulator-intake-config.ts';

export {
    API_VERSION,
    RESEND_CHANNEL,
    FO_CHANNEL,
    QUICK_STREAMING,
    emulatorIntakeConfig,
    waitFor
} from './emulator-intake-config.ts';

/** One captured log line (JSON parsed). */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

export interface IntakeHarnessOptions {
    emulator?: StartEmulatorOptions;
    /** Channels to subscribe (default the resend platform event and FulfillmentOrder changes). */
    channels?: string[];
    /** Extra `streaming` settings layered over QUICK_STREAMING. */
    streaming?: Record<string, unknown>;
    /** Extra `intake` settings. */
    intake?: Record<string, unknown>;
    /** Redis to use instead of the shared test server (e.g. a private one the test stops and restarts). */
    redisUrl?: string;
}

/** A unique prefix on a Redis the test controls, shaped like `useTestRedis()`'s answer. */
async function prefixOn(url: string): Promise<TestRedis> {
    const client = new Redis(url, { maxRetriesPerRequest: null });
    client.on('error', () => undefined);
    const prefix = `{test-intake-private-${process.pid}-${Date.now().toString(36)}}`;
    return {
        url,
        prefix,
        client,
        async cleanup() {
            client.disconnect();
        }
    };
}

export class IntakeHarness {
    readonly logs: LogLine[] = [];
    readonly logger: Logger;
    readonly redactor = new Redactor();
    config!: BridgeConfig;
    emulator!: RunningEmulator;
    redis!: TestRedis;
    queue!: Queue;
    private queueConnection!: Redis;
    private readonly intakes: IntakeHandle[] = [];

    private constructor(private readonly options: IntakeHarnessOptions) {
        this.logger = createLogger({
            level: process.env.TEST_LOG ?? 'debug',
            format: 'json',
            redactor: this.redactor,
            destination: {
                write: (line: string) => {
                    this.logs.push(JSON.parse(line) as LogLine);
                    if (process.env.TEST_LOG) process.stderr.write(line);
                }
            }
        });
    }

    static async open(options: IntakeHarnessOptions = {}): Promise<IntakeHarness> {
        const harness = new IntakeHarness(options);
        harness.emulator = await startEmulator({
            port: 0,
            mode: 'test',
            orders: 0,
            longPollTimeoutMs: 2000,
            reconnectWindowMs: 5000,
            ...options.emulator
        });
        harness.redis = options.redisUrl
            ? await prefixOn(options.redisUrl)
            : await useTestRedis('intake-emulator');
        harness.config = emulatorIntakeConfig(harness.emulator, harness.redis.prefix, {
            streaming: {
                channels: options.channels ?? [RESEND_CHANNEL, FO_CHANNEL],
                ...QUICK_STREAMING,
                ...options.streaming
            },
            ...(options.intake ? { intake: options.intake } : {})
        });
        harness.config = { ...harness.config, redis: { ...harness.config.redis, url: harness.redis.url } };
        harness.queueConnection = new Redis(harness.redis.url, { maxRetriesPerRequest: null });
        // Outage tests stop Redis on purpose; reads retry until it is back.
        harness.queueConnection.on('error', () => undefined);
        harness.queue = new Queue(SF_EVENTS_QUEUE, {
            connection: harness.queueConnection,
            prefix: harness.redis.prefix
        });
        harness.queue.on('error', () => undefined);
        return harness;
    }

    /** Starts an intake and waits until it leads with every channel subscribed. */
    async startIntake(options: { ignores?: EventRelevance; metrics?: IntakeMetricsHook } = {}): Promise<IntakeHandle> {
        const handle = await startIntake({
            config: this.config,
            logger: this.logger,
            redactor: this.redactor,
            ignores: options.ignores,
            metrics: options.metrics
        });
        this.intakes.push(handle);
        await waitFor('intake subscribed to every channel', () => {
            const status = handle.status();
            return status.role === 'leader' && status.channels.every((c) => c.connected);
        });
        return handle;
    }

    async stopIntake(handle: IntakeHandle): Promise<void> {
        const index = this.intakes.indexOf(handle);
        if (index >= 0) this.intakes.splice(index, 1);
        await handle.stop();
    }

    /** Every `sf.event` job on the queue, whatever its state. */
    async jobs(): Promise<Job[]> {
        return this.queue.getJobs([
            'waiting',
            'delayed',
            'active',
            'completed',
            'failed',
            'prioritized',
            'waiting-children'
        ]);
    }

    /** The intake payload of every job. */
    async payloads(): Promise<SfEventJobData[]> {
        return (await this.jobs()).map((job) => (job.data as { payload: SfEventJobData }).payload);
    }

    /** Waits until the queue holds at least `count` jobs and returns every payload (callers assert the exact set). */
    async waitForJobCount(count: number, what: string, timeoutMs = 15_000): Promise<SfEventJobData[]> {
        await waitFor(
            `${count} jobs on sf-events (${what})`,
            async () => (await this.jobs()).length >= count,
            timeoutMs
        );
        return this.payloads();
    }

    /** A jsforce Connection for a user (no Sforce-Call-Options), via the client-credentials flow. */
    async userConnection(): Promise<jsforce.Connection> {
        const conn = new jsforce.Connection({
            loginUrl: this.emulator.loginUrl,
            version: API_VERSION,
            oauth2: {
                loginUrl: this.emulator.loginUrl,
                clientId: this.emulator.credentials.clientId,
                clientSecret: this.emulator.credentials.clientSecret
            }
        });
        await conn.authorize({ grant_type: 'client_credentials' });
        return conn;
    }

    /** Publishes one OMS_Resend_Request__e through the REST API (its EventUuid is read back from the bus). */
    async publishResend(conn: jsforce.Connection, reason: string): Promise<void> {
        const result = await conn.sobject('OMS_Resend_Request__e').create({ Reason__c: reason });
        if (!result.success)
            throw new Error(`publishing OMS_Resend_Request__e failed: ${JSON.stringify(result)}`);
    }

    /** Places one storefront order in the emulator (order summary, fulfillment orders, their events). */
    placeOrder(seed: number): PlacedOrder {
        return placeOrder(this.emulator.store, { seed });
    }

    get keys() {
        return intakeKeys(this.config.redis.prefix, this.config.streaming.channels);
    }

    /** Checkpoints as stored in Redis, by channel. */
    async intakeCheckpoints(): Promise<Map<string, Checkpoint>> {
        const all = await this.redis.client.hgetall(this.keys.checkpoints);
        return new Map(
            Object.entries(all).map(([channel, json]) => [channel, JSON.parse(json) as Checkpoint])
        );
    }

    /** Parked events (visible exceptions), oldest first. */
    async intakeExceptions(): Promise<IntakeException[]> {
        const entries = await this.redis.client.xrange(this.keys.exceptions, '-', '+');
        return entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('data') + 1]) as IntakeException);
    }

    /** Recorded replay gaps, oldest first. */
    async intakeGaps(): Promise<Record<string, string>[]> {
        const entries = await this.redis.client.xrange(this.keys.gaps, '-', '+');
        return entries.map(([, fields]) =>
            Object.fromEntries(
                Array.from({ length: fields.length / 2 }, (_, i) => [fields[2 * i], fields[2 * i + 1]])
            )
        );
    }

    /**
     * Waits until the stored checkpoint of `channel` is `replayId` and the inbox is empty: everything up to
     * that event is then on the BullMQ queue, not only in intake's inbox.
     */
    async waitForCheckpoint(channel: string, replayId: number | string, timeoutMs = 15_000): Promise<void> {
        await waitFor(
            `checkpoint of ${channel} at ${replayId}`,
            async () => (await this.intakeCheckpoints()).get(channel)?.replayId === String(replayId),
            timeoutMs
        );
        await waitFor(
            'the intake inbox to drain into sf-events',
            async () => (await this.redis.client.xlen(this.keys.inbox)) === 0,
            timeoutMs
        );
    }

    /** POSTs to the emulator's admin API. */
    async admin(path: string, body: unknown = {}): Promise<unknown> {
        const response = await fetch(`${this.emulator.instanceUrl}/__emulator${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body)
        });
        const json = (await response.json()) as unknown;
        if (!response.ok)
            throw new Error(`admin ${path} answered ${response.status}: ${JSON.stringify(json)}`);
        return json;
    }

    async close(): Promise<void> {
        for (const handle of this.intakes.splice(0)) await handle.stop().catch(() => undefined);
        await this.queue?.close();
        this.queueConnection?.disconnect();
        await this.emulator?.stop();
        await this.redis?.cleanup();
    }
}
