/**
 * Tracks the CometD clients faye knows and enforces the platform's reconnect rule: after a handshake
 * or after a `/meta/connect` answer, the client must send its next `/meta/connect` within the
 * reconnect window (40 s on the platform) or the server forgets it, and its next message gets
 * `403::Unknown client`. While a long poll is held the client counts as connected.
 */
import type { FayeEngine } from './faye-runtime.ts';

export class CometdClientRegistry {
    private readonly clients = new Set<string>();
    private readonly reconnectTimers = new Map<string, NodeJS.Timeout>();
    private readonly onHandshake = (clientId: string) => {
        this.clients.add(clientId);
        this.startWindow(clientId);
    };
    private readonly onDisconnect = (clientId: string) => {
        this.clients.delete(clientId);
        this.stopWindow(clientId);
    };

    constructor(
        private readonly engine: FayeEngine,
        private readonly reconnectWindowMs: number
    ) {
        engine.bind('handshake', this.onHandshake);
        engine.bind('disconnect', this.onDisconnect);
    }

    get size(): number {
        return this.clients.size;
    }

    /** A `/meta/connect` arrived: the client is waiting on a long poll, not late. */
    connecting(clientId: string): void {
        this.stopWindow(clientId);
    }

    /** A `/meta/connect` was answered: the next one is due within the window. */
    connectAnswered(clientId: string): void {
        if (this.clients.has(clientId)) this.startWindow(clientId);
    }

    /** Forgets one client, as the platform does when it drops a session. */
    forget(clientId: string): void {
        this.stopWindow(clientId);
        this.engine.destroyClient(clientId);
        this.clients.delete(clientId);
    }

    forgetAll(): void {
        for (const clientId of [...this.clients]) this.forget(clientId);
    }

    close(): void {
        for (const timer of this.reconnectTimers.values()) clearTimeout(timer);
        this.reconnectTimers.clear();
        this.engine.unbind('handshake', this.onHandshake);
        this.engine.unbind('disconnect', this.onDisconnect);
        this.clients.clear();
    }

    private startWindow(clientId: string): void {
        this.stopWindow(clientId);
        const timer = setTimeout(() => {
            this.reconnectTimers.delete(clientId);
            this.forget(clientId);
        }, this.reconnectWindowMs);
        timer.unref();
        this.reconnectTimers.set(clientId, timer);
    }

    private stopWindow(clientId: string): void {
        const timer = this.reconnectTimers.get(clientId);
        if (timer) clearTimeout(timer);
        this.reconnectTimers.delete(clientId);
    }
}
