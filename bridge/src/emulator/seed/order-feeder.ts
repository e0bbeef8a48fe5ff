/**
 * Places storefront orders at a steady rate until stopped, to drive a live event stream for the demo and
 * benchmarks. Timer-driven: each tick places as many orders as the elapsed time calls for, so a slow tick
 * catches up instead of lowering the rate.
 */
import type { ChangeContext, RecordStoreApi } from '../contracts.ts';
import { placeOrder, type PlaceOrderOptions } from './order-placement.ts';
import { mulberry32 } from './seeded-random.ts';

export interface OrderFeederOptions {
    /** Orders per second (> 0). */
    ratePerSecond: number;
    /** Seed for the order contents; default time-based. */
    seed?: number;
    /** Stop after this many orders; default unlimited. */
    maxOrders?: number;
    context?: ChangeContext;
    /** Called with each failure; the feeder keeps going. Default: stderr. */
    onError?: (error: unknown) => void;
    /** Injected for tests; defaults to Date.now. */
    now?: () => number;
}

type PlaceOrderFn = (store: RecordStoreApi, options: PlaceOrderOptions) => { orderSummaryId: string };

export class OrderFeeder {
    private timer: NodeJS.Timeout | undefined;
    private startedAt = 0;
    private placedCount = 0;
    private failedCount = 0;
    private readonly random: () => number;
    private readonly now: () => number;

    constructor(
        private readonly store: RecordStoreApi,
        private readonly options: OrderFeederOptions,
        private readonly place: PlaceOrderFn = placeOrder
    ) {
        if (!(options.ratePerSecond > 0)) throw new RangeError(`OrderFeeder: ratePerSecond must be > 0, got ${options.ratePerSecond}.`);
        this.random = mulberry32(options.seed ?? Date.now());
        this.now = options.now ?? Date.now;
    }

    get placed(): number {
        return this.placedCount;
    }

    get failed(): number {
        return this.failedCount;
    }

    get running(): boolean {
        return this.timer !== undefined;
    }

    start(): this {
        if (this.timer) return this;
        this.startedAt = this.now();
        const interval = Math.max(10, Math.min(1000, Math.floor(1000 / this.options.ratePerSecond)));
        this.timer = setInterval(() => this.tick(), interval);
        this.timer.unref();
        return this;
    }

    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
    }

    /** Places the orders due by now; public so tests can drive the feeder without timers. */
    tick(): number {
        const due = Math.floor(((this.now() - this.startedAt) / 1000) * this.options.ratePerSecond) - this.placedCount - this.failedCount;
        let placedNow = 0;
        for (let index = 0; index < due; index++) {
            if (this.options.maxOrders !== undefined && this.placedCount >= this.options.maxOrders) {
                this.stop();
                break;
            }
            try {
                this.place(this.store, { random: this.random, context: this.options.context });
                this.placedCount++;
                placedNow++;
            } catch (error) {
                this.failedCount++;
                (this.options.onError ?? ((e) => process.stderr.write(`order feeder: ${String(e)}\n`)))(error);
            }
        }
        return placedNow;
    }
}
