/**
 * End-to-end harness for the order-to-cash loop: a real Redis namespace, the org emulator in this
 * process, and the bridge built by `startBridge` (intake, workers, HTTP with the board on loopback),
 * pointed at the emulator the way `oms-bridge start` does it. The sandbox WMS does not move by itself
 * (tests drive it) and neither sandbox fails at random, so every scenario is repeatable.
 *
 * Waiting is always "poll the state until it holds, or fail after a deadline naming what was awaited";
 * no test asserts on elapsed time.
 */
import jsforce from 'jsforce';
import { SandboxErpAdapter } from '../../bridge/src/adapters/erp/sandbox/sandbox-erp-adapter.ts';
import type { EffectOptions } from '../../bridge/src/adapters/wms-adapter.ts';
import { SandboxWmsAdapter } from '../../bridge/src/adapters/wms/sandbox/sandbox-wms-adapter.ts';
import type { BridgeConfig } from '../../bridge/src/config/schema.ts';
import type { SObjectRecord } from '../../bridge/src/emulator/contracts.ts';
import { placeOrder, type PlacedOrder, type PlaceOrderOptions } from '../../bridge/src/emulator/seed/place-order.ts';
import { startEmulator, type RunningEmulator } from '../../bridge/src/emulator/start-emulator.ts';
import { BillingDocumentPoller } from '../../bridge/src/flows/order-to-cash/billing-document-poller.ts';
import { startBridge, type RunningBridge } from '../../bridge/src/main.ts';
import type { FulfillmentOrder } from '../../bridge/src/model/index.ts';
import { createLogger, type Logger } from '../../bridge/src/observability/logger.ts';
import { Redactor } from '../../bridge/src/observability/redact.ts';
import { DeadLetterStore } from '../../bridge/src/queue/dead-letter-store.ts';
import type { QueueName } from '../../bridge/src/queue/queue-names.ts';
import { useTestRedis, type TestRedis } from '../support/redis.ts';
import { e2eBridgeConfig } from './e2e-config.ts';
import { waitUntil, type WaitOptions } from './wait-until.ts';

export { waitUntil, type WaitOptions } from './wait-until.ts';

const API_VERSION = '66.0';

export interface HarnessOptions {
    /** YAML-shaped overrides layered over config/default.yaml and the e2e defaults. */
    config?: Record<string, unknown>;
}

/** One call that reached the warehouse adapter's submit. */
export interface WmsSubmission {
    fulfillmentOrderId: string;
    idempotencyKey: string;
}

export class OrderToCashHarness {
    /** Every submit that reached the WMS adapter, across bridge restarts. */
    readonly submissions: WmsSubmission[] = [];
    private pollerInstance?: BillingDocumentPoller;

    private constructor(
        readonly redis: TestRedis,
        readonly emulator: RunningEmulator,
        readonly salesforce: jsforce.Connection,
        readonly config: BridgeConfig,
        readonly logger: Logger,
        public bridge: RunningBridge
    ) {}

    static async start(options: HarnessOptions = {}): Promise<OrderToCashHarness> {
        const redis = await useTestRedis('e2e');
        let emulator: RunningEmulator | undefined;
        try {
            emulator = await startEmulator({ port: 0, mode: 'test', orders: 0 });
            const redactor = new Redactor([emulator.credentials.privateKeyPem, emulator.credentials.clientSecret]);
            const config = e2eBridgeConfig(emulator, redis, options.config ?? {});
            const logger = createLogger({ level: process.env.E2E_LOG_LEVEL ?? config.log.level, format: 'json', redactor, destination: process.stderr });
            // A second client of the org, standing for the people and flows working in Salesforce.
            const salesforce = new jsforce.Connection({
                loginUrl: emulator.loginUrl,
                version: API_VERSION,
                oauth2: { loginUrl: emulator.loginUrl, clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret }
            });
            await salesforce.authorize({ grant_type: 'client_credentials' });
            const bridge = await OrderToCashHarness.launch(config, logger, redactor);
            const harness = new OrderToCashHarness(redis, emulator, salesforce, config, logger, bridge);
            harness.instrument();
            await harness.waitForIntake();
            return harness;
        } catch (err) {
            await emulator?.stop();
            await redis.cleanup();
            throw err;
        }
    }

    private static launch(config: BridgeConfig, logger: Logger, redactor: Redactor): Promise<RunningBridge> {
        // The billing poller is driven by the tests (pollOnce) so a scenario decides when it looks.
        return startBridge({ config, logger, redactor, run: { billingPoller: false } });
    }

    /** Counts submits on whichever WMS adapter the running bridge has. */
    private instrument(): void {
        const wms = this.bridge.adapters.wms;
        const submit = wms.submitFulfillmentOrder.bind(wms);
        wms.submitFulfillmentOrder = async (fo: FulfillmentOrder, options: EffectOptions) => {
            const result = await submit(fo, options);
            this.submissions.push({ fulfillmentOrderId: fo.id, idempotencyKey: options.idempotencyKey });
            return result;
        };
    }

    /** Resolves once intake leads and every channel is subscribed (events before that are not replayed on a first start). */
    waitForIntake(): Promise<true> {
        return waitUntil('the intake to subscribe to every channel', () => {
            const status = this.bridge.intake?.status();
            return status?.role === 'leader' && status.channels.length > 0 && status.channels.every((c) => c.connected);
        });
    }

    /** Stops the bridge and starts a new one on the same Redis prefix and emulator; `prepare` runs in between. */
    async restartBridge(prepare?: () => Promise<void>): Promise<void> {
        this.pollerInstance = undefined;
        await this.bridge.stop(2000);
        await prepare?.();
        const redactor = new Redactor([this.emulator.credentials.privateKeyPem, this.emulator.credentials.clientSecret]);
        this.bridge = await OrderToCashHarness.launch(this.config, this.logger, redactor);
        this.instrument();
        await this.waitForIntake();
    }

    async stop(): Promise<void> {
        await this.bridge.stop(2000);
        await this.emulator.stop();
        await this.redis.cleanup();
    }

    // ----- the sandboxes ------------------------------------------------------------------------

    get wms(): SandboxWmsAdapter {
        const wms = this.bridge.adapters.wms;
        if (!(wms instanceof SandboxWmsAdapter)) throw new Error(`the bridge runs the ${wms.name} WMS adapter, not the sandbox`);
        return wms;
    }

    get erp(): SandboxErpAdapter {
        const erp = this.bridge.adapters.erp;
        if (!(erp instanceof SandboxErpAdapter)) throw new Error(`the bridge runs the ${erp.name} ERP adapter, not the sandbox`);
        return erp;
    }

    /** The billing document poller of the running bridge's pieces (as main.ts builds it). */
    get billingPoller(): BillingDocumentPoller {
        this.pollerInstance ??= new BillingDocumentPoller({
            som: this.bridge.som,
            producer: this.bridge.host.producer,
            redis: this.redis.client,
            prefix: this.config.redis.prefix,
            logger: this.logger
        });
        return this.pollerInstance;
    }

    submissionsOf(fulfillmentOrderId: string): WmsSubmission[] {
        return this.submissions.filter((s) => s.fulfillmentOrderId === fulfillmentOrderId);
    }

    // ----- Salesforce side: acting as the org's users ---------------------------------------------

    /** A storefront order (its summary approved and routed, as the org's flow does). */
    placeOrder(options: PlaceOrderOptions = {}): PlacedOrder {
        return placeOrder(this.emulator.store, { seed: 1, ...options });
    }

    /**
     * An order the org's routing split over two warehouses (two fulfilment orders). Routing splits at
     * random, so seeds are tried in turn; the orders that did not split stay unsent in the warehouse.
     */
    placeSplitOrder(options: Omit<PlaceOrderOptions, 'seed' | 'random'> = {}): PlacedOrder {
        for (let seed = 100; seed < 200; seed++) {
            const placed = this.placeOrder({ lines: 2, ...options, seed });
            if (placed.fulfillmentOrderIds.length === 2) return placed;
        }
        throw new Error('no seed from 100 to 199 gave an order routed to two warehouses');
    }

    /** POSTs a Connect REST action (path below /services/data/vXX.X) and fails on `success: false`. */
    async connect<T extends Record<string, unknown>>(path: string, body: object): Promise<T> {
        const result = await this.salesforce.requestPost<T & { success?: boolean; errors?: unknown[] }>(path, body);
        if (result.success === false) throw new Error(`Connect ${path} failed: ${JSON.stringify(result.errors)}`);
        return result;
    }

    /** Connect `cancel-item` for every remaining unit of the named lines (default: all lines). */
    async cancelFulfillmentOrderLines(foId: string, lineIds?: string[]): Promise<void> {
        const lines = this.linesOf(foId).filter((l) => (lineIds ? lineIds.includes(l.Id) : true) && Number(l.Quantity) > 0);
        await this.connect(`/commerce/fulfillment/fulfillment-orders/${foId}/actions/cancel-item`, {
            fulfillmentOrderLineItemsToCancel: lines.map((l) => ({ fulfillmentOrderLineItemId: l.Id, quantity: Number(l.Quantity) }))
        });
    }

    async updateRecord(objectName: string, fields: Record<string, unknown> & { Id: string }): Promise<void> {
        const result = (await this.salesforce.sobject(objectName).update(fields)) as { success: boolean; errors?: unknown[] };
        if (!result.success) throw new Error(`update of ${objectName} ${fields.Id} failed: ${JSON.stringify(result.errors)}`);
    }

    // ----- readers of the emulator's records -----------------------------------------------------

    record(id: string): SObjectRecord {
        const found = this.emulator.store.get(id);
        if (!found) throw new Error(`no record ${id} in the emulator`);
        return found;
    }

    fulfillmentOrder(foId: string): SObjectRecord {
        return this.record(foId);
    }

    linesOf(foId: string): SObjectRecord[] {
        return this.emulator.store.findBy('FulfillmentOrderLineItem', 'FulfillmentOrderId', foId);
    }

    shipmentsOf(foId: string): SObjectRecord[] {
        return this.emulator.store.findBy('Shipment', 'FulfillmentOrderId', foId);
    }

    shipmentItemsOf(shipmentId: string): SObjectRecord[] {
        return this.emulator.store.findBy('ShipmentItem', 'ShipmentId', shipmentId);
    }

    invoicesOf(orderSummaryId: string): SObjectRecord[] {
        return this.emulator.store.findBy('Invoice', 'ReferenceEntityId', orderSummaryId);
    }

    creditMemosOf(orderSummaryId: string): SObjectRecord[] {
        return this.emulator.store.findBy('CreditMemo', 'ReferenceEntityId', orderSummaryId);
    }

    processExceptionsOf(orderSummaryId: string): SObjectRecord[] {
        return this.emulator.store.findBy('ProcessException', 'OrderSummaryId', orderSummaryId);
    }

    /** FOStatusChangedEvent payloads published for one fulfilment order. */
    statusEventsOf(foId: string): Record<string, unknown>[] {
        return this.emulator.bus
            .eventsAfter('/event/FOStatusChangedEvent', 0)
            .map((e) => e.payload)
            .filter((p) => p.FulfillmentOrderId === foId);
    }

    // ----- waits -----------------------------------------------------------------------------------

    /** Waits until the fulfilment order satisfies `test` and returns it. */
    waitForFulfillmentOrder(foId: string, what: string, test: (fo: SObjectRecord) => boolean, options?: WaitOptions): Promise<SObjectRecord> {
        return waitUntil(`FulfillmentOrder ${foId}: ${what}`, () => {
            const fo = this.fulfillmentOrder(foId);
            return test(fo) ? fo : undefined;
        }, options);
    }

    /** Waits until the bridge has written the WMS order number back, and returns it. */
    async waitForWmsNumber(foId: string): Promise<string> {
        const fo = await this.waitForFulfillmentOrder(foId, 'WMS order number written back', (r) => typeof r.WMS_Order_Number__c === 'string');
        return String(fo.WMS_Order_Number__c);
    }

    /** Waits until the sandbox warehouse holds the order, then moves it to `stage`; resolves when its events are taken. */
    async advanceWarehouse(foId: string, stage: Parameters<SandboxWmsAdapter['warehouse']['advanceTo']>[1]): Promise<void> {
        await waitUntil(`the sandbox warehouse to hold ${foId}`, () => this.wms.warehouse.get(foId));
        this.wms.warehouse.advanceTo(foId, stage);
        await this.wms.idle();
    }

    /** Resolves once the named queues hold no waiting, delayed or running job. */
    waitForQueuesIdle(...queues: QueueName[]): Promise<true> {
        return waitUntil(`queues ${queues.join(', ')} to be idle`, async () => {
            const counts = await Promise.all(queues.map((q) => this.bridge.host.producer.queue(q).getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
            return counts.every((c) => Object.values(c).every((n) => n === 0));
        });
    }

    waitForProcessException(orderSummaryId: string, test: (pe: SObjectRecord) => boolean = () => true, options?: WaitOptions): Promise<SObjectRecord> {
        return waitUntil(`a ProcessException on ${orderSummaryId}`, () => this.processExceptionsOf(orderSummaryId).find(test), options);
    }

    // ----- dead letters -----------------------------------------------------------------------------

    /** The DLQ tools `oms-bridge dlq` uses, on this bridge's prefix and queues. */
    deadLetters(): DeadLetterStore {
        return new DeadLetterStore((name: QueueName) => this.bridge.host.producer.queue(name), this.redis.client, this.config.redis.prefix);
    }
}
