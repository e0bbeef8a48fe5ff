/**
 * The sandbox warehouse's sender: events leave strictly in order, and one the bridge does not accept
 * (handler failure, no handler yet) is re-sent after a delay, like a vendor's webhook retries. Nothing
 * is dropped while the process lives.
 */
import type { WmsEvent } from '../../../model/index.ts';
import type { WmsEventHub } from '../../wms-event-hub.ts';

export class SandboxEventOutbox {
    private readonly pending: WmsEvent[] = [];
    private pumping = false;
    private retryTimer?: NodeJS.Timeout;
    private closed = false;
    private idleWaiters: (() => void)[] = [];
    /** Deliveries refused so far (for tests and the demo's counters). */
    redeliveries = 0;

    constructor(
        private readonly hub: WmsEventHub,
        private readonly redeliveryDelayMs: number
    ) {}

    send(event: WmsEvent): void {
        if (this.closed) return;
        this.pending.push(event);
        void this.pump();
    }

    get size(): number {
        return this.pending.length;
    }

    /** Resolves when every event sent so far has been accepted. */
    idle(): Promise<void> {
        if (this.pending.length === 0 && !this.pumping) return Promise.resolve();
        return new Promise((resolve) => this.idleWaiters.push(resolve));
    }

    close(): void {
        this.closed = true;
        if (this.retryTimer) clearTimeout(this.retryTimer);
        for (const resolve of this.idleWaiters.splice(0)) resolve();
    }

    private async pump(): Promise<void> {
        if (this.pumping || this.retryTimer) return;
        this.pumping = true;
        try {
            while (this.pending.length > 0 && !this.closed) {
                try {
                    await this.hub.publish(this.pending[0]);
                    this.pending.shift();
                } catch {
                    this.redeliveries++;
                    this.retryTimer = setTimeout(() => {
                        this.retryTimer = undefined;
                        void this.pump();
                    }, this.redeliveryDelayMs);
                    this.retryTimer.unref();
                    return;
                }
            }
        } finally {
            this.pumping = false;
            if (this.pending.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
    }
}
