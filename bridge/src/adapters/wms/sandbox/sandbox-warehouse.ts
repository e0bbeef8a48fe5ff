/**
 * The simulated warehouse behind the sandbox WMS adapter. Orders move received → acknowledged →
 * picked → packed → shipped (one shipment per parcel), emitting an event at each step; a planned short
 * pick adds a short_picked event before picked. With autoProgress the steps run on timers using the
 * configured delays; without it, tests drive each step through advance().
 */
import type { SandboxWmsConfig } from '../../../config/sections/adapters-wms.ts';
import type { ShippedLine, WmsEvent } from '../../../model/index.ts';
import type { WmsOrderDocument } from '../../../mappings/wms/wms-order-document.ts';
import { seededChance, seededInt } from '../../seeded-chance.ts';
import type { SandboxEventOutbox } from './sandbox-event-outbox.ts';
import { splitIntoParcels } from './sandbox-parcels.ts';
import { trimOldest } from '../../trim-oldest.ts';
import { isLocked, type WarehouseOrder, type WarehousePlan, type WarehouseStage } from './sandbox-warehouse-order.ts';

/** Finished (shipped or cancelled) orders kept beyond this many held orders are forgotten, oldest first. */
export const RETAINED_ORDERS = 20_000;

const TRACKING_PREFIX: Record<string, string> = { UPS: '1Z', FEDEX: '7', USPS: '94', DHL: 'JD' };

export class SandboxWarehouse {
    private readonly orders = new Map<string, WarehouseOrder>();
    private readonly timers = new Set<NodeJS.Timeout>();
    private counter = 0;

    constructor(
        private readonly config: SandboxWmsConfig,
        private readonly outbox: SandboxEventOutbox,
        private readonly now: () => Date
    ) {}

    /** Orders held (each fulfilment order once). */
    get size(): number {
        return this.orders.size;
    }

    get(fulfillmentOrderId: string): WarehouseOrder | undefined {
        return this.orders.get(fulfillmentOrderId);
    }

    /** Takes an order in (once per fulfilment order; a second receipt returns the first). */
    receive(document: WmsOrderDocument, plan?: WarehousePlan): WarehouseOrder {
        const existing = this.orders.get(document.reference);
        if (existing) return existing;
        this.counter++;
        const order: WarehouseOrder = {
            document,
            fulfillmentOrderId: document.reference,
            wmsOrderNumber: `SBX-${String(100000 + this.counter)}`,
            stage: 'received',
            plan: plan ?? this.planFor(document),
            sequence: 0,
            shipmentsSent: 0
        };
        this.orders.set(order.fulfillmentOrderId, order);
        // Orders still moving are never dropped: their timers and events refer to them.
        trimOldest(this.orders, RETAINED_ORDERS, (held) => held.stage === 'shipped' || held.stage === 'cancelled');
        this.schedule(order, this.config.ackDelayMs);
        return order;
    }

    /** Replaces the plan of an order not yet picked (tests use it to force short picks and splits). */
    setPlan(fulfillmentOrderId: string, plan: WarehousePlan): void {
        const order = this.require(fulfillmentOrderId);
        if (isLocked(order.stage)) throw new Error(`order ${fulfillmentOrderId} is already ${order.stage}`);
        order.plan = plan;
    }

    cancel(order: WarehouseOrder): void {
        order.stage = 'cancelled';
    }

    /** Moves an order one step on; returns the new stage (unchanged once shipped or cancelled). */
    advance(fulfillmentOrderId: string): WarehouseStage {
        const order = this.require(fulfillmentOrderId);
        switch (order.stage) {
            case 'received':
                order.stage = 'acknowledged';
                this.emit(order, { type: 'acknowledged' });
                this.schedule(order, this.config.pickDelayMs);
                break;
            case 'acknowledged':
                this.pick(order);
                this.schedule(order, this.config.packDelayMs);
                break;
            case 'picked':
                order.stage = 'packed';
                this.emit(order, { type: 'packed', parcels: Math.max(1, order.plan.parcels) });
                this.schedule(order, this.config.shipDelayMs);
                break;
            case 'packed':
                this.shipNextParcel(order);
                break;
            default:
                break;
        }
        return order.stage;
    }

    /** Advances until the order reaches `stage` (or can go no further). */
    advanceTo(fulfillmentOrderId: string, stage: WarehouseStage): WarehouseStage {
        let current = this.require(fulfillmentOrderId).stage;
        for (let guard = 0; current !== stage && guard < 64; guard++) {
            const next = this.advance(fulfillmentOrderId);
            if (next === current && next !== 'packed') break;
            current = next;
        }
        return current;
    }

    close(): void {
        for (const timer of this.timers) clearTimeout(timer);
        this.timers.clear();
    }

    private require(fulfillmentOrderId: string): WarehouseOrder {
        const order = this.orders.get(fulfillmentOrderId);
        if (!order) throw new Error(`the sandbox warehouse has no order for ${fulfillmentOrderId}`);
        return order;
    }

    private planFor(document: WmsOrderDocument): WarehousePlan {
        const { seed, shortPickRate, splitShipmentRate } = this.config;
        const shortLines: WarehousePlan['shortLines'] = [];
        if (seededChance(seed, document.reference, 'short') < shortPickRate) {
            const line = document.lines[seededInt(seed, 0, document.lines.length - 1, document.reference, 'short-line')];
            shortLines.push({ lineRef: line.lineRef, quantityShort: 1 });
        }
        const parcels = seededChance(seed, document.reference, 'split') < splitShipmentRate ? 2 : 1;
        return { shortLines, parcels };
    }

    private schedule(order: WarehouseOrder, delayMs: number): void {
        if (!this.config.autoProgress) return;
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            if (order.stage !== 'cancelled' && order.stage !== 'shipped') this.advance(order.fulfillmentOrderId);
        }, delayMs);
        timer.unref();
        this.timers.add(timer);
    }

    private picked(order: WarehouseOrder): ShippedLine[] {
        return order.document.lines.map((line) => {
            const short = order.plan.shortLines.find((s) => s.lineRef === line.lineRef)?.quantityShort ?? 0;
            return { fulfillmentOrderLineId: line.lineRef, sku: line.sku, quantity: Math.max(0, line.quantity - short) };
        });
    }

    private pick(order: WarehouseOrder): void {
        const short = order.plan.shortLines
            .map((s) => {
                const line = order.document.lines.find((l) => l.lineRef === s.lineRef);
                return line && { fulfillmentOrderLineId: line.lineRef, sku: line.sku, quantityOrdered: line.quantity, quantityShort: Math.min(s.quantityShort, line.quantity) };
            })
            .filter((s): s is NonNullable<typeof s> => Boolean(s));
        if (short.length) this.emit(order, { type: 'short_picked', lines: short });
        order.stage = 'picked';
        this.emit(order, { type: 'picked', lines: this.picked(order) });
    }

    private shipNextParcel(order: WarehouseOrder): void {
        const parcels = splitIntoParcels(this.picked(order), order.plan.parcels);
        if (parcels.length === 0) {
            // Everything was short: nothing leaves the building, but the order is done.
            order.stage = 'shipped';
            return;
        }
        const index = order.shipmentsSent;
        const last = index >= parcels.length - 1;
        const carrier = order.document.carrier;
        const trackingNumber = `${TRACKING_PREFIX[carrier] ?? 'SBX'}${order.wmsOrderNumber.replace(/\D/g, '')}${String(index + 1).padStart(4, '0')}`;
        order.shipmentsSent++;
        if (last) order.stage = 'shipped';
        this.emit(order, {
            type: 'shipped',
            shipment: {
                fulfillmentOrderId: order.fulfillmentOrderId,
                wmsShipmentId: `${order.wmsOrderNumber}-P${index + 1}`,
                wmsOrderNumber: order.wmsOrderNumber,
                carrier,
                service: order.document.service,
                trackingNumber,
                lines: parcels[index],
                partial: !last,
                shippedAt: this.now().toISOString()
            }
        });
        if (!last) this.schedule(order, this.config.shipDelayMs);
    }

    private emit(order: WarehouseOrder, body: DistributiveOmit<WmsEvent, 'eventId' | 'fulfillmentOrderId' | 'wmsOrderNumber' | 'sequence' | 'occurredAt'>): void {
        order.sequence++;
        this.outbox.send({
            ...body,
            eventId: `${order.wmsOrderNumber}-E${order.sequence}`,
            fulfillmentOrderId: order.fulfillmentOrderId,
            wmsOrderNumber: order.wmsOrderNumber,
            sequence: order.sequence,
            occurredAt: this.now().toISOString()
        } as WmsEvent);
    }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
