/**
 * The intake as one service for the CLI, readiness and metrics: holds (or waits for) the subscriber
 * lease, and while leading runs the stream supervisor, the serial event processor and the inbox pump.
 * Losing the lease (renewal refused, fenced write, or no successful renewal for a whole TTL) stops
 * subscribing at once; a standby takes the lease within one TTL and resumes from the checkpoints.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import type { Logger } from '../../observability/logger.ts';
import type { BridgeConfig } from '../../config/schema.ts';
import type { TokenManager } from '../auth/token-manager.ts';
import type { TransportFactory } from '../streaming/event-transport.ts';
import { StreamSupervisor, type ChannelStatus } from '../streaming/stream-supervisor.ts';
import { EchoFilter } from './echo-filter.ts';
import { EventProcessor, type EventRelevance } from './event-processor.ts';
import type { IntakeMetricsHook } from './intake-metrics.ts';
import { IntakePump } from './intake-pump.ts';
import { IntakeStore } from './intake-store.ts';
import { intakeKeys } from './intake-keys.ts';
import { entitiesForChannel, reconcileEntity, type SoqlRunner } from './reconciler.ts';
import { SubscriberLease } from './subscriber-lease.ts';

export interface IntakeServiceDeps {
    config: BridgeConfig;
    logger: Logger;
    /** Intake's own Redis connection (checkpoints, lease, inbox); fails fast while Redis is down. */
    redis: Redis;
    /** The `sf-events` queue the pump fills. */
    queue: Queue;
    tokenManager: TokenManager;
    transportFactory: TransportFactory;
    soql: SoqlRunner;
    metrics?: IntakeMetricsHook;
    /** Why no installed flow acts on a job (see EventProcessorOptions.ignores). */
    ignores?: EventRelevance;
    /** Lease owner ID (default host:pid:random). */
    owner?: string;
}

export interface IntakeStatus {
    role: 'leader' | 'standby' | 'stopped';
    leaseToken?: string;
    channels: ChannelStatus[];
    /** Inbox entries moved into BullMQ by this process. */
    jobsPumped: number;
    reconnects: number;
}

interface Term {
    supervisor: StreamSupervisor;
    processor: EventProcessor;
    pump: IntakePump;
    lastRenewOk: number;
}

export class IntakeService {
    readonly store: IntakeStore;
    private readonly lease: SubscriberLease;
    private readonly echoFilter: EchoFilter;
    private term: Term | undefined;
    private timer: NodeJS.Timeout | undefined;
    private tick: Promise<void> = Promise.resolve();
    private state: 'running' | 'stopped' = 'stopped';
    private lastStatus: ChannelStatus[] = [];

    constructor(private readonly deps: IntakeServiceDeps) {
        const { config, redis } = deps;
        const keys = intakeKeys(config.redis.prefix, config.streaming.channels);
        this.store = new IntakeStore(redis, keys, config.intake.dedupTtlSeconds);
        const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
        this.lease = new SubscriberLease(redis, keys.lease, keys.fence, owner, config.streaming.leaseTtlMs);
        this.echoFilter = new EchoFilter({ client: config.salesforce.callOptionsClient, bridgeOwnedFields: config.intake.bridgeOwnedFields });
    }

    async start(): Promise<void> {
        if (this.state === 'running') return;
        this.state = 'running';
        await this.leaseTick();
        const every = Math.max(100, Math.floor(this.deps.config.streaming.leaseTtlMs / 3));
        this.timer = setInterval(() => {
            this.tick = this.tick.then(() => this.leaseTick());
        }, every);
    }

    async stop(): Promise<void> {
        this.state = 'stopped';
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
        await this.tick;
        await this.endTerm('stopping');
        await this.lease.release().catch(() => undefined);
    }

    status(): IntakeStatus {
        const term = this.term;
        if (term) this.lastStatus = term.supervisor.status();
        return {
            role: this.state === 'stopped' ? 'stopped' : term ? 'leader' : 'standby',
            leaseToken: this.lease.heldToken,
            channels: term ? this.lastStatus : this.deps.config.streaming.channels.map((channel) => ({ channel, connected: false })),
            jobsPumped: term?.pump.movedCount ?? 0,
            reconnects: term?.supervisor.reconnectCount ?? 0
        };
    }

    private async leaseTick(): Promise<void> {
        if (this.state !== 'running') return;
        const { logger, config } = this.deps;
        try {
            if (this.term) {
                if (await this.lease.renew()) this.term.lastRenewOk = Date.now();
                else await this.endTerm('lease lost');
                return;
            }
            const token = await this.lease.tryAcquire();
            if (token) this.beginTerm(token);
        } catch (err) {
            // Redis unreachable: keep leading only while the lease cannot yet have expired for others.
            if (this.term && Date.now() - this.term.lastRenewOk > config.streaming.leaseTtlMs) {
                this.lease.drop();
                await this.endTerm('lease renewal failing for a whole TTL');
            } else if (!this.term) {
                logger.debug({ err }, 'standby could not reach Redis to check the intake lease');
            }
        }
    }

    private beginTerm(leaseToken: string): void {
        const { config, logger, redis, queue, tokenManager, metrics } = this.deps;
        logger.info({ leaseToken, channels: config.streaming.channels }, 'intake lease acquired; subscribing');
        const pump = new IntakePump({ redis, inboxKey: this.store.keys.inbox, queue, batchSize: config.intake.pumpBatchSize, logger });
        // The processor reports store failures to the supervisor built right after it.
        const link: { supervisor?: StreamSupervisor } = {};
        const reconcile = async (channel: string, entityName: string, since: number, reason: 'gap-overflow' | 'stale-replay') => {
            const jobs = await reconcileEntity({ channel, entityName, since, reason, receivedAt: Date.now() }, this.deps.soql);
            metrics?.onReconciled?.(channel, entityName, jobs.length);
            logger.info({ channel, entityName, since: new Date(since).toISOString(), records: jobs.length, reason }, 'reconciliation queried changed records');
            return jobs;
        };
        const processor = new EventProcessor({
            store: this.store,
            leaseToken,
            echoFilter: this.echoFilter,
            ignores: this.deps.ignores,
            logger,
            metrics,
            reconcile,
            jobDefaults: { attempts: config.queues.attempts },
            onCommitted: () => pump.nudge(),
            onStoreFailure: (err) => link.supervisor?.storeFailureSink(err)
        });
        const supervisor = new StreamSupervisor({
            channels: config.streaming.channels,
            transportFactory: this.deps.transportFactory,
            tokenManager,
            instanceUrl: config.salesforce.instanceUrl,
            store: this.store,
            processor,
            reconcileChannel: async (channel, since) => {
                const startedAt = Date.now();
                const stale = processor.checkpoints.get(channel);
                const entities = entitiesForChannel(channel, config.intake.reconcileEntities);
                if (entities.length === 0) logger.error({ channel }, 'replay gap on a channel with no reconcilable entity (set intake.reconcileEntities)');
                for (const entityName of entities) await processor.commitJobs(channel, await reconcile(channel, entityName, since, 'stale-replay'));
                // The gap is covered: a restart now replays what is retained (-2) rather than failing on the stale ID again.
                if (processor.checkpoints.get(channel) === stale) await processor.commitJobs(channel, [], processor.checkpointFor('-2', startedAt));
            },
            pingRedis: async () => {
                await redis.ping();
            },
            silenceTimeoutMs: config.streaming.silenceTimeoutMs,
            clockSkewMs: config.streaming.clockSkewMs,
            backoffBaseMs: config.streaming.backoffBaseMs,
            backoffMaxMs: config.streaming.backoffMaxMs,
            maxPendingEvents: config.intake.maxPendingEvents,
            logger,
            metrics,
            onLeaseLost: () => {
                this.lease.drop();
                this.tick = this.tick.then(() => this.endTerm('fenced write'));
            }
        });
        link.supervisor = supervisor;
        this.term = { supervisor, processor, pump, lastRenewOk: Date.now() };
        pump.start();
        supervisor.start();
    }

    private async endTerm(reason: string): Promise<void> {
        const term = this.term;
        if (!term) return;
        this.term = undefined;
        this.lastStatus = term.supervisor.status();
        this.deps.logger.info({ reason }, 'intake stops subscribing');
        await term.supervisor.stop();
        await term.pump.stop();
    }
}
