/**
 * A minimal Salesforce-flavoured Bayeux server on a bare faye NodeAdapter, for intake tests: OAuth
 * header check on handshake and connect, the replay extension with retention (purge makes old replay
 * IDs invalid with Salesforce's 400 text), `403::Unknown client` for forgotten clients, and
 * `401::Authentication invalid` for expired tokens.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import faye from 'faye';

type Msg = Record<string, unknown> & { channel: string; clientId?: string; subscription?: string; error?: string; successful?: boolean; ext?: Record<string, unknown> };
interface Stored { channel: string; replayId: number; data: Record<string, unknown> }

const FayeServer = (faye as unknown as { NodeAdapter: new (o: unknown) => FayeAdapter }).NodeAdapter;
interface FayeAdapter {
    attach(server: Server): void;
    addExtension(ext: unknown): void;
    getClient(): { publish(channel: string, data: unknown): void };
    close(): void;
}

export class FakeStreamingOrg {
    readonly events: Stored[] = [];
    private nextReplayId = 5000;
    private purgedUpTo = 0;
    private readonly tokens = new Set<string>();
    private readonly forgotten = new Set<string>();
    private readonly clientTokens = new Map<string, string>();
    private server: Server | undefined;
    private adapter: FayeAdapter | undefined;
    instanceUrl = '';

    issueToken(): string {
        const token = `00Dfake!${randomUUID()}`;
        this.tokens.add(token);
        return token;
    }

    expireTokens(): void {
        this.tokens.clear();
    }

    forgetClients(): void {
        for (const id of this.clientTokens.keys()) this.forgotten.add(id);
    }

    /** Drops every retained event: stored replay IDs become invalid. */
    purge(): void {
        this.purgedUpTo = this.nextReplayId;
        this.events.length = 0;
    }

    publish(channel: string, payload: Record<string, unknown>, event: Record<string, unknown> = { EventUuid: randomUUID() }): number {
        const replayId = ++this.nextReplayId;
        return this.publishData(channel, { schema: 'fake', payload, event: { ...event, replayId } }, replayId);
    }

    publishData(channel: string, data: Record<string, unknown>, replayId = ++this.nextReplayId): number {
        this.events.push({ channel, replayId, data });
        this.adapter?.getClient().publish(channel, data);
        return replayId;
    }

    async start(): Promise<string> {
        const adapter = new FayeServer({ mount: '/cometd/66.0', timeout: 2 });
        const tokenOf = (request: IncomingMessage | undefined) => String(request?.headers?.authorization ?? '').replace(/^OAuth /, '');
        adapter.addExtension({
            incoming: (message: Msg, request: IncomingMessage | undefined, callback: (m: Msg) => void) => {
                if (!request) {
                    // The adapter's own in-process client (used to publish) needs no token.
                } else if (message.channel === '/meta/handshake' && !this.tokens.has(tokenOf(request))) {
                    message.error = '403::Handshake denied';
                } else if (message.channel === '/meta/subscribe' && message.subscription) {
                    const replay = Number((message.ext?.replay as Record<string, unknown> | undefined)?.[message.subscription] ?? -1);
                    if (replay > 0 && replay <= this.purgedUpTo) {
                        message.error = `400::The replayId {${replay}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
                    } else {
                        const channel = message.subscription;
                        const after = replay === -2 ? 0 : replay === -1 ? Infinity : replay;
                        setTimeout(() => {
                            for (const e of this.events) if (e.channel === channel && e.replayId > after) adapter.getClient().publish(channel, e.data);
                        }, 50);
                    }
                } else if (message.channel === '/meta/connect' && message.clientId) {
                    this.clientTokens.set(message.clientId, tokenOf(request));
                }
                callback(message);
            },
            outgoing: (message: Msg, request: IncomingMessage | undefined, callback: (m: Msg) => void) => {
                if (message.channel === '/meta/handshake' && message.successful) message.ext = { replay: true, 'payload.format': true };
                if (message.channel === '/meta/handshake' && message.successful === false) {
                    message.ext = { sfdc: { failureReason: '401::Authentication invalid' } };
                }
                if (request && message.channel === '/meta/connect' && message.clientId) {
                    if (this.forgotten.has(message.clientId)) {
                        Object.assign(message, { successful: false, error: '403::Unknown client', advice: { reconnect: 'handshake', interval: 0 } });
                    } else if (!this.tokens.has(tokenOf(request))) {
                        Object.assign(message, { successful: false, error: '401::Authentication invalid', advice: { reconnect: 'none' } });
                    }
                }
                callback(message);
            }
        });
        const server = createServer();
        adapter.attach(server);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const address = server.address();
        this.instanceUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        this.server = server;
        this.adapter = adapter;
        return this.instanceUrl;
    }

    async stop(): Promise<void> {
        this.adapter?.close();
        this.server?.closeAllConnections();
        await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    }
}
