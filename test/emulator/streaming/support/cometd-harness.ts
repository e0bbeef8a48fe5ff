/**
 * A plain HTTP server with only the CometD endpoint attached (plus a stand-in handler for everything
 * else), a raw Bayeux poster for exact protocol checks, and helpers to wait for events.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachCometd, type CometdDeps, type CometdHandle } from '../../../../bridge/src/emulator/streaming/cometd-server.ts';
import { EventBus } from '../../../../bridge/src/emulator/streaming/event-bus.ts';
import type { BayeuxMessage } from '../../../../bridge/src/emulator/streaming/faye-runtime.ts';
import { FakeSchema, FakeSessions, FakeStore } from './fake-org.ts';

export interface Harness {
    server: Server;
    baseUrl: string;
    cometd: CometdHandle;
    bus: EventBus;
    store: FakeStore;
    sessions: FakeSessions;
    token: string;
    close(): Promise<void>;
}

export async function startHarness(options: Partial<Pick<CometdDeps, 'longPollTimeoutMs' | 'reconnectWindowMs' | 'shouldDropConnection'>> = {}): Promise<Harness> {
    const schema = new FakeSchema();
    const store = new FakeStore(schema);
    const bus = new EventBus({ schema, store });
    const sessions = new FakeSessions();
    const server = createServer((_request, response) => {
        response.writeHead(404, { 'Content-Type': 'application/json' }).end('[{"errorCode":"NOT_FOUND","message":"not here"}]');
    });
    const cometd = attachCometd(server, { sessions, bus, schema, longPollTimeoutMs: 1_000, reconnectWindowMs: 5_000, ...options });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        server,
        baseUrl: `http://127.0.0.1:${port}`,
        cometd,
        bus,
        store,
        sessions,
        token: sessions.issue(),
        close: async () => {
            await cometd.close();
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            bus.close();
        }
    };
}

/** Posts Bayeux messages and returns the reply array (or the status and text when it is not JSON). */
export async function postBayeux(url: string, token: string | undefined, messages: object[]): Promise<BayeuxMessage[]> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `OAuth ${token}`;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(messages) });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
    return JSON.parse(text) as BayeuxMessage[];
}

/** Handshakes over raw Bayeux and returns the client ID. */
export async function rawHandshake(url: string, token: string): Promise<string> {
    const [reply] = await postBayeux(url, token, [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' }]);
    if (!reply.successful || !reply.clientId) throw new Error(`handshake failed: ${JSON.stringify(reply)}`);
    return reply.clientId;
}

/** Resolves once `predicate` holds, polling the event loop; the mocha timeout bounds the wait. */
export async function waitFor(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 10));
}

export interface ReceivedEvent {
    channel?: string;
    schema: string;
    payload: Record<string, unknown>;
    event: { replayId: number; EventUuid?: string };
}
