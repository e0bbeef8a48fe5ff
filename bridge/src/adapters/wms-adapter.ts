/**
 * The warehouse side of the bridge. Every WMS integration (sandbox, generic REST, X12 940/945 over a
 * drop folder, ShipBob-like APIs) implements this; test/contract/wms-adapter.contract.ts is the
 * behaviour each must show. Outbound calls are idempotent on `idempotencyKey`; inbound warehouse
 * progress arrives as WmsEvents through `events`, whatever the transport (push, webhook, polling, files).
 */
import type { Address, FulfillmentOrder, WmsEvent } from '../model/index.ts';
import type { EffectOptions } from './effect-options.ts';

export type { EffectOptions } from './effect-options.ts';

/** Which order at the warehouse a call is about. */
export interface WmsOrderRef {
    fulfillmentOrderId: string;
    /** The warehouse's order number when already known (not every WMS needs it). */
    wmsOrderNumber?: string;
}

export interface WmsSubmitResult {
    /**
     * The warehouse's order number. Absent when the WMS assigns it later (e.g. EDI: it arrives with the
     * `acknowledged` event).
     */
    wmsOrderNumber?: string;
    /** True when the WMS took the order; false never silently: it comes with `reason`. */
    accepted: boolean;
    reason?: string;
}

/** Stages after which the warehouse can no longer cancel or re-address an order. */
export type WmsLockedStage = 'picked' | 'packed' | 'shipped';

export type WmsCancelResult =
    | { status: 'cancelled' }
    | { status: 'too_late'; stage: WmsLockedStage };

export type WmsUpdateResult =
    | { status: 'updated' }
    | { status: 'too_late'; stage: WmsLockedStage };

/** A receiver of warehouse events. It resolves once the event is durably handed on (e.g. queued). */
export type WmsEventHandler = (event: WmsEvent) => Promise<void>;

/**
 * Where warehouse events come from. Push-style sources (sandbox, webhook) call the handlers as events
 * arrive; polling sources call them from their poll loop. Handlers run one event at a time, in order.
 */
export interface WmsEventSource {
    /** Registers a handler; returns a function that removes it. */
    onEvent(handler: WmsEventHandler): () => void;
}

export interface WmsAdapter {
    /** Short name for logs and errors, e.g. `sandbox-wms`. */
    readonly name: string;
    readonly events: WmsEventSource;
    submitFulfillmentOrder(fo: FulfillmentOrder, options: EffectOptions): Promise<WmsSubmitResult>;
    /** Cancels the whole order; `too_late` when the warehouse has already picked it. Cancelling twice is `cancelled`. */
    cancelFulfillmentOrder(ref: WmsOrderRef, options: EffectOptions): Promise<WmsCancelResult>;
    updateShipTo(ref: WmsOrderRef, shipTo: Address, options: EffectOptions): Promise<WmsUpdateResult>;
    /** Starts timers, pollers or connections; idempotent. */
    start(): Promise<void>;
    /** Stops everything started; pending events are finished first. */
    close(): Promise<void>;
}
