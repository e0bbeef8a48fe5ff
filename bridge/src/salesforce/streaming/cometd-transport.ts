/**
 * CometD (Bayeux long-polling) transport over faye, speaking Salesforce's dialect: `/cometd/<version>`,
 * `Authorization: OAuth <token>` on every POST, the replay extension (`ext.replay` on subscribe), and
 * Salesforce's error strings. faye's own recovery (re-handshake on advice, resubscribe) is not used:
 * every failure is reported once and the client is destroyed, so the supervisor decides what happens next
 * and resubscribes from the durable checkpoint rather than from faye's memory.
 */
import faye from 'faye';
import type { EventTransport, TransportFailure, TransportHandlers } from './event-transport.ts';

interface BayeuxMessage {
    channel: string;
    successful?: boolean;
    error?: string;
    subscription?: string | string[];
    advice?: { reconnect?: string };
    ext?: Record<string, unknown> & { sfdc?: { failureReason?: string } };
    data?: unknown;
}

interface FayeEnvelope {
    timer?: NodeJS.Timeout | null;
    request?: Promise<{ abort?: () => void } | undefined> | null;
}

/** The faye internals touched to abort in-flight long polls; faye has no public "destroy". */
interface FayeClientInternals {
    _state: number;
    _advice: { reconnect: string };
    _dispatcher: { _envelopes: Map<string, FayeEnvelope>; close(): void };
    CONNECTED: number;
}

export interface CometdTransportOptions {
    instanceUrl: string;
    apiVersion: string;
    accessToken: string;
    channels: string[];
    /** faye request timeout before the server's advice arrives, seconds (default 130). */
    timeoutSeconds?: number;
}

const STALE_REPLAY = /replayId .*(invalid|not valid)/i;

export function classifyBayeuxError(message: BayeuxMessage): TransportFailure | undefined {
    const error = message.error ?? '';
    const reason = message.ext?.sfdc?.failureReason ?? '';
    const text = `${error} ${reason}`;
    if (message.channel === '/meta/subscribe' && STALE_REPLAY.test(text)) {
        const channel = [message.subscription ?? ''].flat()[0] ?? '';
        return { kind: 'stale-replay', channel, message: text.trim() };
    }
    if (/^401\b|401::/.test(error) || /401::/.test(reason)) return { kind: 'auth', message: text.trim() };
    if (/403::Unknown client/i.test(text) || message.advice?.reconnect === 'handshake') return { kind: 'unknown-client', message: text.trim() };
    if (message.advice?.reconnect === 'none') return { kind: 'auth', message: text.trim() || 'server advised reconnect=none' };
    return undefined;
}

export class CometdTransport implements EventTransport {
    private client: InstanceType<typeof faye.Client> | undefined;
    private dead = false;
    private failed = false;

    constructor(private readonly options: CometdTransportOptions) {}

    open(handlers: TransportHandlers, replayFrom: (channel: string) => string): void {
        const endpoint = `${this.options.instanceUrl.replace(/\/+$/, '')}/cometd/${this.options.apiVersion}`;
        const client = new faye.Client(endpoint, { timeout: this.options.timeoutSeconds ?? 130, retry: 1 });
        this.client = client;
        // Salesforce serves long-polling only; faye would otherwise try a WebSocket first.
        (client as unknown as { disable(feature: string): void }).disable('websocket');
        client.setHeader('Authorization', `OAuth ${this.options.accessToken}`);
        const fail = (failure: TransportFailure) => {
            if (this.failed || this.dead) return;
            this.failed = true;
            // Stop faye's own retries before the supervisor gets round to closing us.
            this.dead = true;
            handlers.onFailure(failure);
        };
        client.addExtension({
            outgoing: (message: BayeuxMessage & { ext?: Record<string, unknown> }, callback: (m: unknown) => void) => {
                if (this.dead && message.channel !== '/meta/disconnect') return callback(null);
                if (message.channel === '/meta/subscribe' && typeof message.subscription === 'string') {
                    const position = replayFrom(message.subscription);
                    // Opaque: sent back exactly as received, as a JSON number when it is one.
                    const value = /^-?\d+$/.test(position) ? Number(position) : position;
                    message.ext = { ...(message.ext ?? {}), replay: { [message.subscription]: value } };
                }
                callback(message);
            },
            incoming: (message: BayeuxMessage, callback: (m: unknown) => void) => {
                if (this.dead) return callback(null);
                handlers.onActivity();
                if (message.channel.startsWith('/meta/') && message.successful === false) {
                    const failure = classifyBayeuxError(message);
                    if (message.channel === '/meta/subscribe' && failure?.kind !== 'stale-replay' && failure?.kind !== 'auth') {
                        const channel = [message.subscription ?? ''].flat()[0] ?? '';
                        handlers.onSubscribeRefused(channel, `${message.error ?? ''} ${message.ext?.sfdc?.failureReason ?? ''}`.trim());
                        return callback(message);
                    }
                    fail(failure ?? { kind: 'protocol', message: `${message.channel} failed: ${message.error ?? 'no error given'}` });
                    return callback(null);
                }
                if (message.channel === '/meta/subscribe' && message.successful) {
                    for (const channel of [message.subscription ?? []].flat()) handlers.onSubscribed(channel);
                }
                callback(message);
            }
        });
        for (const channel of this.options.channels) {
            const subscription = client.subscribe(channel, (data: unknown) => {
                if (!this.dead) handlers.onEvent(channel, data);
            });
            // Refusals are reported by the incoming extension; this only keeps faye from logging unhandled failures.
            subscription.then(undefined, () => undefined);
        }
    }

    async close(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (!client) return;
        const internals = client as unknown as FayeClientInternals;
        const wasConnected = internals._state === internals.CONNECTED;
        this.dead = true;
        if (wasConnected && !this.failed) {
            // Polite /meta/disconnect so the server frees the client slot (a limited allocation), bounded in time.
            await Promise.race([
                new Promise<void>((resolve) => {
                    const result = (client as unknown as { disconnect(): unknown }).disconnect() as { then?: (a: () => void, b: () => void) => void } | undefined;
                    if (result?.then) result.then(resolve, resolve);
                    else resolve();
                }),
                new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())
            ]);
        }
        internals._advice.reconnect = 'none';
        const dispatcher = internals._dispatcher;
        for (const envelope of dispatcher._envelopes.values()) {
            if (envelope.timer) clearTimeout(envelope.timer);
            envelope.timer = null;
            void envelope.request?.then((request) => request?.abort?.());
            envelope.request = null;
        }
        dispatcher._envelopes.clear();
        dispatcher.close();
    }
}
