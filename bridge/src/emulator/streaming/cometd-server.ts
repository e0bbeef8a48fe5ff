/**
 * The emulator's CometD endpoint at `/cometd/NN.N`: faye's Bayeux server (long polling only) with the
 * Salesforce behaviour added by `cometd-extension.ts`, fed by the event bus.
 *
 * Attach it after the server's own request handler is installed (e.g. `http.createServer(app)`):
 * CometD requests are routed to faye and every other request to the handlers present at attach time,
 * which `close()` restores.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { SchemaRegistryApi, SessionValidator } from '../contracts.ts';
import { toBayeuxMessage } from './bayeux-event.ts';
import { CometdClientRegistry } from './cometd-client-registry.ts';
import { createCometdExtension } from './cometd-extension.ts';
import type { EventBus } from './event-bus.ts';
import { faye } from './faye-runtime.ts';

export const COMETD_MOUNT = '/cometd';
/** The platform closes an idle long poll after 110 s. */
export const DEFAULT_LONG_POLL_TIMEOUT_MS = 110_000;
/** A client that does not reconnect within 40 s is forgotten. */
export const DEFAULT_RECONNECT_WINDOW_MS = 40_000;
/** Bayeux request bodies above this get `413 Maximum Request Size Exceeded`, as on the platform. */
export const MAX_REQUEST_BYTES = 32_768;

export interface CometdDeps {
    sessions: SessionValidator;
    bus: EventBus;
    schema: SchemaRegistryApi;
    /** How long a `/meta/connect` is held when there is nothing to deliver (default 110 s). */
    longPollTimeoutMs?: number;
    /** How long the server waits for the next `/meta/connect` before forgetting a client (default 40 s). */
    reconnectWindowMs?: number;
    /** Fault injection: asked per CometD HTTP request; `true` drops the connection without an answer. */
    shouldDropConnection?: () => boolean;
}

/** Control over an attached CometD endpoint. */
export interface CometdHandle {
    /** Forgets every client; each one's next message gets `403::Unknown client` (advice: handshake). */
    forgetAllClients(): void;
    /** Clients currently known (handshaken and not yet forgotten or disconnected). */
    clientCount(): number;
    /** Answers pending long polls, detaches from the bus and gives the server back its own handlers. */
    close(): Promise<void>;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

function isCometdPath(url: string | undefined): boolean {
    const path = (url ?? '').split('?')[0];
    return path === COMETD_MOUNT || path.startsWith(`${COMETD_MOUNT}/`);
}

function positiveMs(name: string, value: number): number {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
    return value;
}

export function attachCometd(server: Server, deps: CometdDeps): CometdHandle {
    const longPollTimeoutMs = positiveMs('longPollTimeoutMs', deps.longPollTimeoutMs ?? DEFAULT_LONG_POLL_TIMEOUT_MS);
    const reconnectWindowMs = positiveMs('reconnectWindowMs', deps.reconnectWindowMs ?? DEFAULT_RECONNECT_WINDOW_MS);
    const adapter = new faye.NodeAdapter({ mount: COMETD_MOUNT, timeout: longPollTimeoutMs / 1000 });
    const engine = adapter._server._engine;
    // faye forgets clients after twice the poll timeout; the platform's reconnect window replaces that rule.
    engine._engine.ping = () => undefined;
    const registry = new CometdClientRegistry(engine, reconnectWindowMs);

    const busListeners = new Map<string, () => void>();
    const watchChannel = (channel: string) => {
        if (busListeners.has(channel)) return;
        busListeners.set(
            channel,
            deps.bus.subscribe(channel, (event) => engine.publish(toBayeuxMessage(event)))
        );
    };
    adapter.addExtension(createCometdExtension({ sessions: deps.sessions, schema: deps.schema, bus: deps.bus, engine, registry, watchChannel }));

    const handleCometd: RequestListener = (request, response) => {
        if (deps.shouldDropConnection?.()) {
            request.socket.destroy();
            return;
        }
        if (request.method !== 'POST' && request.method !== 'OPTIONS') {
            response.writeHead(400, { 'Content-Type': 'text/plain' }).end(`400 Invalid connection type ${request.method ?? ''}: only long-polling over POST is supported`);
            return;
        }
        if (Number(request.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
            response.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Maximum Request Size Exceeded');
            request.resume();
            return;
        }
        adapter.handle(request, response);
    };

    const previousListeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const dispatch: RequestListener = function (this: Server, request, response) {
        if (isCometdPath(request.url)) return handleCometd(request, response);
        for (const listener of previousListeners) listener.call(this, request, response);
    };
    server.on('request', dispatch);

    let closed = false;
    return {
        forgetAllClients: () => registry.forgetAll(),
        clientCount: () => registry.size,
        close: async () => {
            if (closed) return;
            closed = true;
            server.removeListener('request', dispatch);
            for (const listener of previousListeners) server.on('request', listener);
            for (const unsubscribe of busListeners.values()) unsubscribe();
            busListeners.clear();
            registry.close();
            adapter.close();
        }
    };
}
