/**
 * Typed access to the parts of faye's Bayeux server the CometD endpoint uses. faye ships no type
 * declarations, so it is loaded through `createRequire` and described here, without an ambient
 * `declare module` that could clash with another part of the codebase.
 *
 * Besides the public NodeAdapter API (`handle`, `addExtension`, `close`) the endpoint reaches into
 * the in-memory engine: its per-client message queue (to put replayed events ahead of live ones) and
 * its client timeouts (replaced by the platform's 40-second reconnect rule). Those internals are
 * stable across faye 1.x; faye is pinned by the lockfile.
 */
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Bayeux message as faye passes it to server extensions. */
export interface BayeuxMessage {
    channel: string;
    id?: string;
    clientId?: string;
    successful?: boolean;
    error?: string;
    advice?: Record<string, unknown>;
    ext?: Record<string, unknown>;
    subscription?: string | string[];
    connectionType?: string;
    supportedConnectionTypes?: string[];
    version?: string;
    minimumVersion?: string;
    data?: unknown;
}

export type ExtensionCallback = (message: BayeuxMessage) => void;

/** A faye server-side extension; the three-argument form receives the HTTP request. */
export interface ServerExtension {
    incoming?(message: BayeuxMessage, request: IncomingMessage, callback: ExtensionCallback): void;
    outgoing?(message: BayeuxMessage, request: IncomingMessage, callback: ExtensionCallback): void;
}

/** faye's in-memory engine (`engines/memory.js`). */
export interface FayeMemoryEngine {
    _namespace: { exists(clientId: string): boolean };
    _messages: Map<string, BayeuxMessage[]>;
    emptyQueue(clientId: string): void;
    ping(clientId: string): void;
}

/** faye's engine proxy (`engines/proxy.js`), which emits handshake/disconnect events. */
export interface FayeEngine {
    timeout: number;
    _engine: FayeMemoryEngine;
    publish(message: BayeuxMessage): void;
    destroyClient(clientId: string): void;
    bind(event: 'handshake' | 'disconnect', listener: (clientId: string) => void): void;
    unbind(event: 'handshake' | 'disconnect', listener: (clientId: string) => void): void;
}

export interface FayeNodeAdapter {
    addExtension(extension: ServerExtension): void;
    handle(request: IncomingMessage, response: ServerResponse): void;
    close(): void;
    _server: { _engine: FayeEngine };
}

/** faye's client, as the tests and the benchmark use it. */
/** faye's error object, parsed from a Bayeux `error` string (`code:params:message`). */
export interface FayeError {
    code: number;
    params: string[];
    message: string;
}

export interface FayeSubscription {
    /** Settles when the server acknowledges (or refuses) the subscription. */
    then(onSuccess?: (value: unknown) => void, onFailure?: (error: FayeError) => void): Promise<unknown>;
    cancel(): void;
    withChannel(listener: (channel: string, message: unknown) => void): FayeSubscription;
}

export interface FayeClient {
    subscribe(channel: string, listener: (message: unknown) => void): FayeSubscription;
    setHeader(name: string, value: string): void;
    addExtension(extension: { incoming?: (m: BayeuxMessage, cb: ExtensionCallback) => void; outgoing?: (m: BayeuxMessage, cb: ExtensionCallback) => void }): void;
    disable(feature: string): void;
    disconnect(): void;
    on(event: 'transport:down' | 'transport:up', listener: () => void): void;
}

interface FayeModule {
    NodeAdapter: new (options: { mount: string; timeout: number }) => FayeNodeAdapter;
    Client: new (endpoint: string, options?: { timeout?: number; retry?: number }) => FayeClient;
}

export const faye = createRequire(import.meta.url)('faye') as FayeModule;
