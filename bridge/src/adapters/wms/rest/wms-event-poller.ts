/**
 * Warehouse events for systems without webhooks: polls a feed with a checkpointed cursor. The cursor
 * advances only after every event of a page was taken by the bridge, so a crash or a refused event
 * means the page is read again (the bridge dedupes on eventId), never skipped. A malformed event stops
 * the poller at that page and is reported, rather than being passed over.
 */
import type { Redis } from 'ioredis';
import type { RestWmsConfig } from '../../../config/sections/adapters-wms.ts';
import type { MappingConfig } from '../../../mappings/mapping-config.ts';
import type { MappingProblem } from '../../../mappings/mapping-result.ts';
import { readPath, renderPath } from '../../../mappings/template/json-template.ts';
import { wmsEventFromPayload } from '../../../mappings/wms/wms-event-from-payload.ts';
import { PermanentAdapterError } from '../../adapter-error.ts';
import type { RestClient } from '../../rest/rest-client.ts';
import type { WmsEventHub } from '../../wms-event-hub.ts';

export interface CursorStore {
    get(): Promise<string | undefined>;
    set(cursor: string): Promise<void>;
}

export class RedisCursorStore implements CursorStore {
    constructor(
        private readonly redis: Redis,
        private readonly key: string
    ) {}
    async get(): Promise<string | undefined> {
        return (await this.redis.get(this.key)) ?? undefined;
    }
    async set(cursor: string): Promise<void> {
        await this.redis.set(this.key, cursor);
    }
}

export interface WmsEventPollerOptions {
    client: RestClient;
    polling: RestWmsConfig['polling'];
    mapping: MappingConfig;
    hub: WmsEventHub;
    cursor: CursorStore;
    /** Told about a page that could not be processed (the poller retries it next round). */
    onError?: (error: Error) => void;
}

export class WmsEventPoller {
    private timer?: NodeJS.Timeout;
    private running?: Promise<number>;

    constructor(private readonly options: WmsEventPollerOptions) {}

    /** Reads one page; returns how many events were handed on. */
    async pollOnce(): Promise<number> {
        const context = { adapter: 'rest-wms', operation: 'pollEvents' };
        const cursor = (await this.options.cursor.get()) ?? '';
        const path = renderPath(this.options.polling.path, { cursor });
        if (!path.ok) throw new PermanentAdapterError('invalid_request', `polling path: ${path.problems[0].message}`, context);
        const response = await this.options.client.request({ method: 'GET', path: path.value }, context);
        if (response.status >= 300) throw new PermanentAdapterError('rejected', `rest-wms pollEvents: feed answered ${response.status}`, { ...context, vendorStatus: response.status });
        const items = readPath(response.body, this.options.polling.eventsPath);
        if (!Array.isArray(items)) throw new PermanentAdapterError('bad_response', `rest-wms pollEvents: no list at ${this.options.polling.eventsPath}`, context);
        const problems: MappingProblem[] = [];
        const events = items.flatMap((item, i) => {
            const mapped = wmsEventFromPayload(item, this.options.mapping);
            if (!mapped.ok) problems.push(...mapped.problems.map((p) => ({ ...p, path: `${this.options.polling.eventsPath}[${i}].${p.path}` })));
            return mapped.ok ? [mapped.value] : [];
        });
        if (problems.length) {
            throw new PermanentAdapterError('bad_response', `rest-wms pollEvents: malformed events after cursor "${cursor}": ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, context);
        }
        for (const event of events) await this.options.hub.publish(event);
        const next = readPath(response.body, this.options.polling.cursorPath);
        if (typeof next === 'string' && next !== '' && next !== cursor) await this.options.cursor.set(next);
        return events.length;
    }

    start(): void {
        if (this.timer) return;
        const tick = () => {
            this.running = this.pollOnce().catch((err: unknown) => {
                this.options.onError?.(err as Error);
                return 0;
            });
            void this.running.finally(() => {
                if (this.timer) this.timer = setTimeout(tick, this.options.polling.intervalMs);
            });
        };
        this.timer = setTimeout(tick, 0);
    }

    async stop(): Promise<void> {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        await this.running;
    }
}
