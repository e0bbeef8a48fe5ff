/**
 * The faye server extension that makes faye's Bayeux server answer like Salesforce's CometD endpoint:
 * API version in the URI, OAuth on every message, the replay extension, and Salesforce's error strings
 * and advice. Incoming messages get an `error` set before faye handles them (faye then refuses them
 * without side effects); outgoing replies are rewritten into Salesforce's shapes.
 */
import type { IncomingMessage } from 'node:http';
import type { SchemaRegistryApi, SessionValidator } from '../contracts.ts';
import { channelExists } from './cometd-channels.ts';
import type { CometdClientRegistry } from './cometd-client-registry.ts';
import * as errors from './cometd-errors.ts';
import type { EventBus } from './event-bus.ts';
import type { BayeuxMessage, ExtensionCallback, FayeEngine, ServerExtension } from './faye-runtime.ts';
import { toBayeuxMessage } from './bayeux-event.ts';

export interface CometdExtensionDeps {
    sessions: SessionValidator;
    schema: SchemaRegistryApi;
    bus: EventBus;
    engine: FayeEngine;
    registry: CometdClientRegistry;
    /** Makes sure live events of `channel` reach faye. */
    watchChannel(channel: string): void;
}

/** The access token from `Authorization: OAuth <token>` or `Bearer <token>`. */
export function accessTokenOf(request: IncomingMessage): string | undefined {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^(?:OAuth|Bearer)\s+(\S+)\s*$/i.exec(header) : null;
    return match ? match[1] : undefined;
}

/** The version error for the request's URI, if any (`/cometd/NN.N`, 37.0 and later). */
export function versionErrorOf(request: IncomingMessage): string | undefined {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    const version = path.split('/')[2];
    if (!version) return errors.versionMandatory();
    if (!/^\d+\.\d+$/.test(version) || Number(version) < errors.MIN_STREAMING_VERSION) return errors.versionUnsupported();
    return undefined;
}

function parseReplayId(value: unknown): number | undefined {
    if (value === undefined || value === null) return -1;
    const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : undefined;
}

const isMeta = (channel: string) => channel.startsWith('/meta/');
const isFayeUnknownClient = (error: string | undefined) => error !== undefined && /^401:[^:]*:Unknown client$/.test(error);

export function createCometdExtension(deps: CometdExtensionDeps): ServerExtension {
    /** Why a handshake on this request was denied; read back when its reply goes out. */
    const handshakeFailures = new WeakMap<IncomingMessage, string>();

    function checkSubscribe(message: BayeuxMessage): { channel: string; replayId: number }[] | string {
        const channels = message.subscription === undefined ? [] : ([] as string[]).concat(message.subscription);
        if (channels.length === 0 || channels.some((c) => typeof c !== 'string' || c === '')) return errors.channelNotSpecified();
        const replayMap = (message.ext?.replay ?? {}) as Record<string, unknown>;
        const accepted: { channel: string; replayId: number }[] = [];
        for (const channel of channels) {
            if (!channel.startsWith('/')) return "400::Channel subscriptions must start with a leading '/'";
            if (!channelExists(deps.schema, channel)) return errors.unknownChannel(channel);
            const requested = typeof replayMap === 'object' ? replayMap[channel] : undefined;
            const replayId = parseReplayId(requested);
            if (replayId === undefined || !deps.bus.isReplayIdValid(channel, replayId)) return errors.invalidReplayId(requested);
            accepted.push({ channel, replayId });
        }
        return accepted;
    }

    /** Puts retained events in the client's queue before faye registers the subscription, so they precede live ones. */
    function replayInto(clientId: string, subscriptions: { channel: string; replayId: number }[]): void {
        const memory = deps.engine._engine;
        if (!memory._namespace.exists(clientId)) return;
        for (const { channel, replayId } of subscriptions) {
            deps.watchChannel(channel);
            const retained = deps.bus.eventsAfter(channel, replayId);
            if (retained.length === 0) continue;
            const queue = memory._messages.get(clientId) ?? [];
            for (const event of retained) queue.push(toBayeuxMessage(event));
            memory._messages.set(clientId, queue);
        }
        memory.emptyQueue(clientId);
    }

    function authError(message: BayeuxMessage, request: IncomingMessage): string | undefined {
        const token = accessTokenOf(request);
        const reason = !token ? errors.REQUIRES_AUTHENTICATION : deps.sessions.validate(token) ? undefined : errors.AUTHENTICATION_INVALID;
        if (!reason) return undefined;
        if (message.channel !== '/meta/handshake') return reason;
        handshakeFailures.set(request, reason);
        return errors.HANDSHAKE_DENIED;
    }

    function incoming(message: BayeuxMessage, request: IncomingMessage, callback: ExtensionCallback): void {
        const failure = versionErrorOf(request) ?? authError(message, request);
        if (failure) {
            message.error = failure;
            return callback(message);
        }
        if (message.channel === '/meta/connect') {
            if (message.connectionType !== 'long-polling') message.error = errors.invalidConnectionType(message.connectionType);
            else if (message.clientId) deps.registry.connecting(message.clientId);
        } else if (message.channel === '/meta/subscribe') {
            const checked = checkSubscribe(message);
            if (typeof checked === 'string') message.error = checked;
            else if (message.clientId) replayInto(message.clientId, checked);
        } else if (!isMeta(message.channel)) {
            message.error = errors.publishNotAllowed(message.channel);
        }
        callback(message);
    }

    function outgoing(message: BayeuxMessage, request: IncomingMessage, callback: ExtensionCallback): void {
        if (message.channel === '/meta/handshake') {
            const reason = handshakeFailures.get(request);
            message.ext = { ...message.ext, replay: true, 'payload.format': true };
            if (message.successful) {
                message.supportedConnectionTypes = ['long-polling'];
                message.minimumVersion = '1.0';
            } else {
                if (reason) message.ext.sfdc = { failureReason: reason };
                message.advice = { reconnect: 'none' };
            }
        } else if (isFayeUnknownClient(message.error)) {
            message.error = errors.UNKNOWN_CLIENT;
            message.advice = { interval: 0, reconnect: 'handshake' };
            delete message.clientId;
        } else if (message.channel === '/meta/connect') {
            if (message.successful && message.clientId) deps.registry.connectAnswered(message.clientId);
            else if (message.error) message.advice = { reconnect: 'none', interval: 0 };
        }
        callback(message);
    }

    return { incoming, outgoing };
}
