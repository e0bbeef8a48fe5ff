/** Everything the order-to-cash handlers use, handed in by the composition root. */
import type { Redis } from 'ioredis';
import type { ErpAdapter } from '../../adapters/erp-adapter.ts';
import type { WmsAdapter } from '../../adapters/wms-adapter.ts';
import type { MappingConfig } from '../../mappings/mapping-config.ts';
import type { ProcessExceptionReporter } from '../../ops/process-exception-reporter.ts';
import type { SlaTracker } from '../../ops/sla-tracker.ts';
import type { SomClient } from '../../salesforce/som/som-client.ts';
import type { WritebackBatcher } from '../../salesforce/writeback/writeback-batcher.ts';

export interface FlowProgress {
    /** Called at each milestone so the demo and metrics can count them. */
    milestone(name: FlowMilestone, detail?: { fulfillmentOrderId?: string; orderSummaryId?: string }): void;
}

export type FlowMilestone =
    | 'event-received'
    | 'sent-to-wms'
    | 'acknowledged'
    | 'shipped'
    | 'written-back'
    | 'invoiced'
    | 'invoice-posted'
    | 'credit-memo-posted'
    | 'short-pick'
    | 'cancelled-in-wms'
    | 'exception';

export interface OrderToCashDeps {
    som: SomClient;
    writer: WritebackBatcher;
    wms: WmsAdapter;
    erp: ErpAdapter;
    mapping: MappingConfig;
    reporter: ProcessExceptionReporter;
    /** For the fulfilment-order → order-summary index that lets warehouse events be serialized per order. */
    redis: Redis;
    prefix: string;
    /** What a short pick does: cancel the missing quantity in SOM (default), or only raise an exception. */
    shortPickPolicy: 'cancel-item' | 'exception';
    progress?: FlowProgress;
    /** Watches acknowledgement and write-back deadlines (optional in tests). */
    sla?: SlaTracker;
}

/** Redis hash remembering which order summary a fulfilment order belongs to. */
/**
 * Redis key holding how far a fulfilment order has climbed the integration-status ladder; it expires
 * after two weeks, far beyond any warehouse's redelivery of a late event.
 */
export function integrationLadderKey(prefix: string, fulfillmentOrderId: string): string {
    return `${prefix}:fo-ladder:${fulfillmentOrderId}`;
}
export const LADDER_TTL_SECONDS = 14 * 24 * 3600;

export function orderIndexKey(prefix: string): string {
    return `${prefix}:fo-order-summary`;
}

/**
 * Redis hash of fulfilment orders the bridge itself emptied with `cancel-item` after the warehouse
 * short-picked every unit: their cancellation needs nothing from the warehouse, which already knows.
 */
export function shortPickedOutKey(prefix: string): string {
    return `${prefix}:fo-short-picked-out`;
}
