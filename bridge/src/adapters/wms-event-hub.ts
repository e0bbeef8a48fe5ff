/**
 * The in-process end of every WMS event source: transports (sandbox timers, webhook, poller) publish
 * into it, the bridge registers one handler. Events are handed over strictly one at a time in
 * publish order, and a publish resolves only once every handler has accepted the event, so a
 * transport acknowledges its vendor only after the bridge holds the event.
 */
import type { WmsEvent } from '../model/index.ts';
import type { WmsEventHandler, WmsEventSource } from './wms-adapter.ts';

export class NoWmsEventHandlerError extends Error {
    constructor(source: string) {
        super(`${source}: a warehouse event arrived but no handler is registered; refusing it so the sender retries`);
        this.name = 'NoWmsEventHandlerError';
    }
}

export class WmsEventHub implements WmsEventSource {
    private readonly handlers = new Set<WmsEventHandler>();
    private tail: Promise<unknown> = Promise.resolve();

    constructor(private readonly sourceName: string) {}

    onEvent(handler: WmsEventHandler): () => void {
        this.handlers.add(handler);
        return () => this.handlers.delete(handler);
    }

    get hasHandlers(): boolean {
        return this.handlers.size > 0;
    }

    /** Delivers the event after every earlier one; rejects when no handler takes it or a handler fails. */
    publish(event: WmsEvent): Promise<void> {
        const delivery = this.tail.then(async () => {
            if (this.handlers.size === 0) throw new NoWmsEventHandlerError(this.sourceName);
            for (const handler of [...this.handlers]) await handler(event);
        });
        // The chain must survive a failed delivery, or one bad event would block all later ones.
        this.tail = delivery.catch(() => undefined);
        return delivery;
    }

    /** Resolves when every event published so far has been handled. */
    async drain(): Promise<void> {
        await this.tail;
    }
}
