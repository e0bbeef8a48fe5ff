/**
 * A fake REST warehouse that behaves like a real vendor API: bearer auth, Idempotency-Key replay,
 * reference uniqueness, 422 for unknown items, 409 when an order is already picked, and warehouse
 * progress pushed to the bridge as signed webhooks (carrier spelled the vendor's way).
 */
import { splitIntoParcels } from '../../../bridge/src/adapters/wms/sandbox/sandbox-parcels.ts';
import { signWebhook } from '../../../bridge/src/adapters/wms/rest/webhook-signature.ts';
import { FakeHttpServer, type FakeReply, type FakeRequest } from './fake-http.ts';

type Stage = 'received' | 'acknowledged' | 'picked' | 'packed' | 'shipped' | 'cancelled';
interface Line { lineRef: string; sku: string; quantity: number }
interface VendorOrder { reference: string; orderNumber: string; stage: Stage; lines: Line[]; carrier: string; service: string; parcels: number; short: { lineRef: string; quantityShort: number }[]; seq: number }

export const WMS_TOKEN = 'fake-wms-token-0123456789';
export const WEBHOOK_SECRET = 'whsec-fake-wms-signing-key-0123';

export class FakeRestWms {
    readonly http: FakeHttpServer;
    readonly orders = new Map<string, VendorOrder>();
    webhookUrl = '';

    constructor(private readonly knownSkus: string[]) {
        this.http = new FakeHttpServer((req) => this.handle(req));
    }

    private handle(req: FakeRequest): FakeReply {
        if (req.headers.authorization !== `Bearer ${WMS_TOKEN}`) return { status: 401, body: { error: { code: 'UNAUTHORIZED' } } };
        const body = req.body as Record<string, unknown>;
        if (req.method === 'POST' && req.path === '/v1/orders') {
            const reference = String(body.reference);
            const existing = this.orders.get(reference);
            if (existing) return { status: 200, body: { order_number: existing.orderNumber, status: 'accepted' } };
            const lines = body.items as Line[];
            const unknown = lines.filter((l) => !this.knownSkus.includes(l.sku));
            if (unknown.length) return { status: 422, body: { error: { code: 'UNKNOWN_SKU', message: `unknown item ${unknown[0].sku}` } } };
            const order: VendorOrder = { reference, orderNumber: `ACME-${this.orders.size + 5001}`, stage: 'received', lines, carrier: String(body.carrier).toLowerCase(), service: String(body.service), parcels: 1, short: [], seq: 0 };
            this.orders.set(reference, order);
            return { status: 201, body: { order_number: order.orderNumber, status: 'accepted' } };
        }
        const match = /^\/v1\/orders\/([^/]+)\/(cancel|ship-to)$/.exec(req.path);
        if (match) {
            const order = this.orders.get(decodeURIComponent(match[1]));
            if (!order) return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no such order' } } };
            if (['picked', 'packed', 'shipped'].includes(order.stage)) return { status: 409, body: { error: { code: 'TOO_LATE' }, stage: order.stage } };
            if (match[2] === 'cancel') order.stage = 'cancelled';
            return { status: 200, body: { ok: true } };
        }
        return { status: 404, body: { error: { code: 'NO_ROUTE' } } };
    }

    plan(reference: string, parcels: number, short: VendorOrder['short']): void {
        const order = this.orders.get(reference)!;
        order.parcels = parcels;
        order.short = short;
    }

    async advanceTo(reference: string, target: Stage): Promise<void> {
        const order = this.orders.get(reference);
        if (!order) throw new Error(`fake WMS has no order ${reference}`);
        const path: Stage[] = ['received', 'acknowledged', 'picked', 'packed', 'shipped'];
        while (order.stage !== target && order.stage !== 'cancelled' && order.stage !== 'shipped') {
            const next = path[path.indexOf(order.stage) + 1];
            if (next === 'acknowledged') await this.emit(order, { type: 'acknowledged' });
            if (next === 'picked') {
                const short = order.short.map((s) => {
                    const line = order.lines.find((l) => l.lineRef === s.lineRef)!;
                    return { fulfillmentOrderLineId: line.lineRef, sku: line.sku, quantityOrdered: line.quantity, quantityShort: s.quantityShort };
                });
                if (short.length) await this.emit(order, { type: 'short_picked', lines: short });
                await this.emit(order, { type: 'picked', lines: this.picked(order) });
            }
            if (next === 'packed') await this.emit(order, { type: 'packed', parcels: order.parcels });
            if (next === 'shipped') {
                const parcels = splitIntoParcels(this.picked(order), order.parcels);
                for (const [i, lines] of parcels.entries()) {
                    await this.emit(order, {
                        type: 'shipped',
                        shipment: { fulfillmentOrderId: order.reference, wmsShipmentId: `${order.orderNumber}/${i + 1}`, wmsOrderNumber: order.orderNumber, carrier: order.carrier, service: order.service, trackingNumber: `1ZFAKE${order.orderNumber.slice(5)}${i}`, lines, partial: i < parcels.length - 1, shippedAt: new Date().toISOString() }
                    });
                }
            }
            order.stage = next;
        }
    }

    private picked(order: VendorOrder) {
        return order.lines.map((l) => ({ fulfillmentOrderLineId: l.lineRef, sku: l.sku, quantity: l.quantity - (order.short.find((s) => s.lineRef === l.lineRef)?.quantityShort ?? 0) }));
    }

    private async emit(order: VendorOrder, body: Record<string, unknown>): Promise<void> {
        order.seq++;
        const event = { ...body, eventId: `${order.orderNumber}:${order.seq}`, fulfillmentOrderId: order.reference, wmsOrderNumber: order.orderNumber, sequence: order.seq, occurredAt: new Date().toISOString() };
        const raw = JSON.stringify(event);
        const timestamp = String(Math.floor(Date.now() / 1000));
        const res = await fetch(this.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signWebhook(WEBHOOK_SECRET, timestamp, raw) }, body: raw });
        if (res.status !== 202) throw new Error(`bridge refused webhook ${res.status}: ${await res.text()}`);
    }
}
