/**
 * Keeps the subscription alive while this process holds the lease. Each connection attempt gets a fresh
 * transport (no handler survives a reconnect) and resubscribes every channel from its durable
 * checkpoint. Recovery by cause: auth failure → renew the token once, reconnect; unknown client or
 * silence past `silenceTimeoutMs` → reconnect; stale replay ID → record the gap, resubscribe that channel
 * from -2 and reconcile its entities since the checkpoint's time; Redis failure or an in-memory backlog
 * over `maxPendingEvents` → drop the connection (nothing unacknowledged is kept) and resume from the
 * checkpoint once Redis answers. Attempts are spaced by exponential backoff with jitter.
 */
import type { Logger } from '../../observability/logger.ts';
import type { TokenManager } from '../auth/token-manager.ts';
import type { EventProcessor } from '../intake/event-processor.ts';
import type { GapRecord, IntakeMetricsHook } from '../intake/intake-metrics.ts';
import { LeaseLostError, type Checkpoint, type IntakeStore } from '../intake/intake-store.ts';
import { backoffDelay } from './backoff.ts';
import type { EventTransport, TransportFactory } from './event-transport.ts';

export type ConnectionEnd =
    | { kind: 'auth' | 'unknown-client' | 'protocol' | 'silent' | 'backpressure' | 'store' | 'token' | 'redis-down'; message: string }
    | { kind: 'stale-replay'; channel: string; message: string }
    | { kind: 'lease-lost' | 'stopped'; message: string };

/** Per-channel view for status, readiness and metrics. */
export interface ChannelStatus {
    channel: string;
    connected: boolean;
    lastEventAt?: number;
    checkpointReplayId?: string;
    /** Time between the checkpointed event's change and now: how far intake trails Salesforce. */
    replayLagMs?: number;
    lastError?: string;
}

export interface StreamSupervisorOptions {
    channels: string[];
    transportFactory: TransportFactory;
    tokenManager: TokenManager;
    /** Overrides the token's instance URL (config salesforce.instanceUrl). */
    instanceUrl?: string;
    store: IntakeStore;
    processor: EventProcessor;
    /** Reconciles a channel's entities since a time (stale replay); resolves when the jobs are written. */
    reconcileChannel: (channel: string, since: number) => Promise<void>;
    pingRedis: () => Promise<void>;
    silenceTimeoutMs: number;
    /** Allowance for clock difference to Salesforce when marking a channel's first subscription (config streaming.clockSkewMs). */
    clockSkewMs: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    maxPendingEvents: number;
    logger: Logger;
    metrics?: IntakeMetricsHook;
    /** Called when the lease turns out to be lost (a fenced write). */
    onLeaseLost: () => void;
    now?: () => number;
}

export class StreamSupervisor {
    private running = false;
    private loop: Promise<void> | undefined;
    private generation = 0;
    private attempt = 0;
    private endCurrent: ((end: ConnectionEnd) => void) | undefined;
    private sleepCancel: (() => void) | undefined;
    private lastActivity = 0;
    /** When the current connection attempt began (before its subscriptions were made). */
    private connectStartedAt = 0;
    private readonly subscribed = new Set<string>();
    private readonly errors = new Map<string, string>();
    /** Channels whose checkpoint went stale: subscribe from -2 until reconciled. */
    private readonly stale = new Map<string, Checkpoint | undefined>();
    private reconnects = 0;

    constructor(private readonly options: StreamSupervisorOptions) {}

    get reconnectCount(): number {
        return this.reconnects;
    }

    start(): void {
        if (this.running) return;
        this.running = true;
        this.loop = this.run();
    }

    async stop(): Promise<void> {
        this.running = false;
        this.sleepCancel?.();
        this.endCurrent?.({ kind: 'stopped', message: 'stopping' });
        await this.loop;
        this.loop = undefined;
    }

    status(): ChannelStatus[] {
        const now = this.now();
        return this.options.channels.map((channel) => {
            const checkpoint = this.options.processor.checkpoints.get(channel);
            return {
                channel,
                connected: this.subscribed.has(channel),
                lastEventAt: this.options.processor.lastEventAt.get(channel),
                checkpointReplayId: checkpoint?.replayId,
                replayLagMs: checkpoint ? Math.max(0, now - checkpoint.eventTime) : undefined,
                lastError: this.errors.get(channel)
            };
        });
    }

    private now(): number {
        return (this.options.now ?? Date.now)();
    }

    private async run(): Promise<void> {
        const { logger } = this.options;
        while (this.running) {
            const end = await this.connectOnce();
            if (!this.running || end.kind === 'stopped') break;
            if (end.kind === 'lease-lost') {
                logger.warn('intake lease lost; this instance stops subscribing');
                this.running = false;
                this.options.onLeaseLost();
                break;
            }
            this.reconnects += 1;
            this.options.metrics?.onReconnect?.(end.kind);
            logger[end.kind === 'silent' || end.kind === 'unknown-client' ? 'warn' : 'error']({ reason: end.kind, detail: end.message }, 'streaming connection ended; reconnecting from the checkpoint');
            await this.sleep(backoffDelay(this.attempt++, this.options.backoffBaseMs, this.options.backoffMaxMs));
        }
    }

    private sleep(ms: number): Promise<void> {
        return new Promise((resolve) => {
            const timer = setTimeout(resolve, ms);
            this.sleepCancel = () => {
                clearTimeout(timer);
                resolve();
            };
        });
    }

    private async connectOnce(): Promise<ConnectionEnd> {
        const { store, processor, tokenManager, logger } = this.options;
        try {
            await this.options.pingRedis();
            const stored = await store.readCheckpoints();
            for (const [channel, checkpoint] of stored) processor.checkpoints.set(channel, checkpoint);
        } catch (err) {
            return { kind: 'redis-down', message: (err as Error).message };
        }
        let token;
        try {
            token = await tokenManager.getToken();
        } catch (err) {
            return { kind: 'token', message: (err as Error).message };
        }
        const generation = ++this.generation;
        this.connectStartedAt = this.now();
        processor.reset();
        this.subscribed.clear();
        const transport: EventTransport = this.options.transportFactory(token.accessToken, this.options.instanceUrl ?? token.instanceUrl);
        const ended = new Promise<ConnectionEnd>((resolve) => {
            let done = false;
            this.endCurrent = (end) => {
                if (done) return;
                done = true;
                resolve(end);
            };
        });
        const end = (e: ConnectionEnd) => this.endCurrent?.(e);
        this.storeFailureSink = (err) =>
            end(err instanceof LeaseLostError ? { kind: 'lease-lost', message: err.message } : { kind: 'store', message: (err as Error).message });
        this.lastActivity = this.now();
        const watchdog = setInterval(
            () => {
                const silentFor = this.now() - this.lastActivity;
                if (silentFor > this.options.silenceTimeoutMs) end({ kind: 'silent', message: `no traffic for ${silentFor}ms` });
            },
            Math.min(1000, Math.max(50, Math.floor(this.options.silenceTimeoutMs / 4)))
        );
        transport.open(
            {
                onEvent: (channel, data) => {
                    processor.pushEvent(generation, channel, data);
                    if (processor.pending > this.options.maxPendingEvents) {
                        end({ kind: 'backpressure', message: `${processor.pending} events waiting for Redis` });
                    }
                },
                onActivity: () => {
                    this.lastActivity = this.now();
                },
                onSubscribed: (channel) => this.onSubscribed(generation, channel),
                onSubscribeRefused: (channel, message) => {
                    this.errors.set(channel, message);
                    logger.error({ channel, detail: message }, 'subscription refused; other channels continue');
                },
                onFailure: (failure) => end(failure)
            },
            (channel) => (this.stale.has(channel) ? '-2' : (processor.checkpoints.get(channel)?.replayId ?? '-1'))
        );
        const result = await ended;
        clearInterval(watchdog);
        this.endCurrent = undefined;
        this.subscribed.clear();
        await transport.close();
        // Undelivered-to-Redis work of this connection is redelivered from the checkpoint by the next one.
        processor.discardBefore(generation + 1);
        await processor.idle();
        if (result.kind === 'auth') await tokenManager.invalidate(token.accessToken).catch((err: unknown) => logger.error({ err }, 'token renewal failed'));
        if (result.kind === 'stale-replay') await this.onStaleReplay(result.channel, result.message);
        return result;
    }

    /** Set per connection; the processor reports store failures through it. */
    storeFailureSink: (err: unknown) => void = () => undefined;

    private onSubscribed(generation: number, channel: string): void {
        this.subscribed.add(channel);
        this.errors.delete(channel);
        if (this.subscribed.size === this.options.channels.length) this.attempt = 0;
        const { processor } = this.options;
        if (this.stale.has(channel)) {
            const since = this.stale.get(channel)?.eventTime ?? this.now();
            processor.pushTask(generation, async () => {
                await this.options.reconcileChannel(channel, since);
                this.stale.delete(channel);
            });
        } else if (!processor.checkpoints.has(channel)) {
            // First subscription ever: from now on a restart must replay what it missed (-2, deduplicated),
            // not start at "new events only" — but not what the channel retained from before this subscription.
            const notBefore = this.connectStartedAt - this.options.clockSkewMs;
            processor.pushTask(generation, async () => {
                if (processor.checkpoints.has(channel)) return;
                await processor.commitJobs(channel, [], { ...processor.checkpointFor('-2', this.now()), notBefore });
            });
        }
    }

    private async onStaleReplay(channel: string, message: string): Promise<void> {
        const checkpoint = this.options.processor.checkpoints.get(channel);
        this.stale.set(channel, checkpoint);
        const gap: GapRecord = {
            channel,
            fromReplayId: checkpoint?.replayId ?? '',
            fromTime: checkpoint?.eventTime ?? 0,
            detectedAt: this.now(),
            reason: message
        };
        this.options.logger.error({ gap: { ...gap, from: new Date(gap.fromTime).toISOString() } }, 'replay ID no longer retained: events may be lost; resubscribing from -2 and reconciling');
        this.options.metrics?.onGap?.(gap);
        await this.options.store
            .recordGap(Object.fromEntries(Object.entries(gap).map(([k, v]) => [k, String(v)])))
            .catch((err: unknown) => this.options.logger.error({ err }, 'could not record the replay gap in Redis'));
    }
}
