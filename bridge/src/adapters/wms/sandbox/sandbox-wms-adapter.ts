/**
 * The embedded sandbox WMS: the default warehouse, so the bridge runs end to end with nothing outside.
 * It behaves like a real one where it matters to the bridge: its own order numbers, acknowledgements
 * and progress that arrive later as events, partial/split shipments, short picks, refusals, transient
 * faults (sometimes after the work was done), and idempotency on the key.
 */
import type { SandboxWmsConfig } from '../../../config/sections/adapters-wms.ts';
import type { Address, FulfillmentOrder } from '../../../model/index.ts';
import type { MappingConfig } from '../../../mappings/mapping-config.ts';
import { toWmsOrderDocument, toWmsShipTo } from '../../../mappings/wms/wms-order-document.ts';
import { PermanentAdapterError, type AdapterErrorContext } from '../../adapter-error.ts';
import { IdempotencyLedger } from '../../idempotency-ledger.ts';
import { SandboxFaults, transientFault } from '../../sandbox-faults.ts';
import { seededChance } from '../../seeded-chance.ts';
import type {
    EffectOptions,
    WmsAdapter,
    WmsCancelResult,
    WmsOrderRef,
    WmsSubmitResult,
    WmsUpdateResult
} from '../../wms-adapter.ts';
import { WmsEventHub } from '../../wms-event-hub.ts';
import { SandboxEventOutbox } from './sandbox-event-outbox.ts';
import { SandboxWarehouse } from './sandbox-warehouse.ts';
import { isLocked } from './sandbox-warehouse-order.ts';

export interface SandboxWmsOptions {
    config: SandboxWmsConfig;
    mapping: MappingConfig;
    /** Clock (tests pass a fixed one); default the system clock. */
    now?: () => Date;
}

export class SandboxWmsAdapter implements WmsAdapter {
    readonly name = 'sandbox-wms';
    readonly events: WmsEventHub;
    /** The simulated warehouse, exposed so tests and the demo can drive and inspect it. */
    readonly warehouse: SandboxWarehouse;
    readonly faults: SandboxFaults;
    private readonly outbox: SandboxEventOutbox;
    private readonly ledger = new IdempotencyLedger();
    private readonly now: () => Date;

    constructor(private readonly options: SandboxWmsOptions) {
        this.now = options.now ?? (() => new Date());
        this.events = new WmsEventHub(this.name);
        this.outbox = new SandboxEventOutbox(this.events, options.config.redeliveryDelayMs);
        this.warehouse = new SandboxWarehouse(options.config, this.outbox, this.now);
        this.faults = new SandboxFaults(options.config.seed, options.config.transientFailureRate);
    }

    async start(): Promise<void> {}

    async close(): Promise<void> {
        this.warehouse.close();
        this.outbox.close();
        await this.events.drain();
    }

    /** Resolves once every event emitted so far has been accepted by the bridge. */
    idle(): Promise<void> {
        return this.outbox.idle();
    }

    submitFulfillmentOrder(fo: FulfillmentOrder, options: EffectOptions): Promise<WmsSubmitResult> {
        const context = this.context('submitFulfillmentOrder', fo.id, options);
        return this.effect(context, options.idempotencyKey, () => {
            const unknown = fo.lines.filter((l) => this.options.config.knownSkus.length > 0 && !this.options.config.knownSkus.includes(l.sku));
            if (unknown.length) {
                throw new PermanentAdapterError('unknown_sku', `${this.name}: unknown item ${unknown.map((l) => l.sku).join(', ')} on ${fo.number}`, context);
            }
            if (!this.warehouse.get(fo.id) && seededChance(this.options.config.seed, fo.id, 'reject') < this.options.config.rejectionRate) {
                throw new PermanentAdapterError('rejected', `${this.name}: order ${fo.number} refused by the warehouse (ship-to outside the service area)`, context);
            }
            const order = this.warehouse.receive(toWmsOrderDocument(fo, this.options.mapping, this.now()));
            return { wmsOrderNumber: order.wmsOrderNumber, accepted: true };
        });
    }

    cancelFulfillmentOrder(ref: WmsOrderRef, options: EffectOptions): Promise<WmsCancelResult> {
        const context = this.context('cancelFulfillmentOrder', ref.fulfillmentOrderId, options);
        return this.effect(context, options.idempotencyKey, (): WmsCancelResult => {
            const order = this.requireOrder(ref, context);
            if (order.stage === 'cancelled') return { status: 'cancelled' };
            if (isLocked(order.stage)) return { status: 'too_late', stage: order.stage };
            this.warehouse.cancel(order);
            return { status: 'cancelled' };
        });
    }

    updateShipTo(ref: WmsOrderRef, shipTo: Address, options: EffectOptions): Promise<WmsUpdateResult> {
        const context = this.context('updateShipTo', ref.fulfillmentOrderId, options);
        return this.effect(context, options.idempotencyKey, (): WmsUpdateResult => {
            const order = this.requireOrder(ref, context);
            if (order.stage === 'cancelled') {
                throw new PermanentAdapterError('rejected', `${this.name}: order ${order.wmsOrderNumber} is cancelled; its address cannot change`, context);
            }
            if (isLocked(order.stage)) return { status: 'too_late', stage: order.stage };
            order.document = { ...order.document, shipTo: toWmsShipTo(shipTo) };
            return { status: 'updated' };
        });
    }

    private context(operation: string, recordId: string, options: EffectOptions): AdapterErrorContext {
        return { adapter: this.name, operation, recordId, idempotencyKey: options.idempotencyKey };
    }

    private requireOrder(ref: WmsOrderRef, context: AdapterErrorContext) {
        const order = this.warehouse.get(ref.fulfillmentOrderId);
        if (!order || (ref.wmsOrderNumber && ref.wmsOrderNumber !== order.wmsOrderNumber)) {
            throw new PermanentAdapterError('not_found', `${this.name}: no order for ${ref.fulfillmentOrderId}${ref.wmsOrderNumber ? ` / ${ref.wmsOrderNumber}` : ''}`, context);
        }
        return order;
    }

    /** Idempotent execution with fault injection before or after the work. */
    private effect<T>(context: AdapterErrorContext, key: string, work: () => T): Promise<T> {
        return this.ledger.once(key, context, async () => {
            const fault = this.faults.next(key);
            if (fault && !fault.afterCommit) throw transientFault(fault, context);
            const value = work();
            if (fault) {
                this.ledger.record(key, context.operation, value);
                throw transientFault(fault, context);
            }
            return value;
        });
    }
}
